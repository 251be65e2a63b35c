// Runs before the app loads so a dark theme never flashes light. Kept in step with src/lib/theme.ts.
(function () {
  var saved = null;
  try {
    saved = window.localStorage.getItem('agency-os.theme');
  } catch {
    /* storage blocked: follow the system */
  }
  var dark =
    saved === 'dark' || (saved !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
})();
