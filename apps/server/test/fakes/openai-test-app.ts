import { createTestApp, type TestApp } from '../test-app.ts';
import { startFakeOpenAI, type FakeLlmServer } from './llm-servers.ts';

export const FAKE_OPENAI_KEY = 'sk-agency-test';

/**
 * A test app whose agents write with `openai` `gpt-4o-mini` through our real client, against a loopback fake
 * answering with `reply`; workers started. `close` stops both.
 */
export async function openAiTestApp(
  reply: Parameters<typeof startFakeOpenAI>[1],
): Promise<{ t: TestApp; server: FakeLlmServer; close(): Promise<void> }> {
  const server = await startFakeOpenAI(FAKE_OPENAI_KEY, reply);
  const t = await createTestApp({
    LLM_PROVIDER: 'openai',
    LLM_MODEL: 'gpt-4o-mini',
    OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: server.baseUrl,
  });
  await t.container.jobs.startWorkers();
  return {
    t,
    server,
    async close() {
      await t.close();
      await server.close();
    },
  };
}
