import type { FastifyRequest } from 'fastify';
import { workspaceAccessOf } from '../identity/index.ts';
import type { Expander } from './expand.ts';
import { parseShape, pickFields, type ShapeQuery } from './plane/fields.ts';
import { toPage, type Page, type PageRequest } from '../../platform/http/pagination.ts';
import { viewerOf } from './request-context.ts';

type Mapper<R, O> = (row: R, timeZone: string) => O;

/**
 * Turns rows into Plane's responses for the reader: datetimes in their time zone, then `expand` and `fields`
 * from the query (on the GETs that honour them), then the pagination envelope for lists. `fields` and `expand`
 * reshape the objects at run time; the declared type is the full object, as the OpenAPI document shows it.
 */
export class Presenter {
  private readonly expander: Expander;

  constructor(expander: Expander) {
    this.expander = expander;
  }

  /** `rows` as fetched with fetchWindow(): the extra row only tells that a next page exists. */
  async page<R, O extends object>(
    request: FastifyRequest,
    page: PageRequest,
    rows: R[],
    total: number,
    map: Mapper<R, O>,
  ): Promise<Page<O>> {
    const results = await this.shaped(request, rows.slice(0, page.perPage), map);
    return toPage(page, results, total, rows.length > page.perPage);
  }

  async detail<R, O extends object>(request: FastifyRequest, row: R, map: Mapper<R, O>): Promise<O> {
    const [shaped] = await this.shaped(request, [row], map);
    return shaped!;
  }

  /** Create and update responses (and label detail) ignore `fields` and `expand`. */
  plain<R, O>(request: FastifyRequest, row: R, map: Mapper<R, O>): O {
    return map(row, viewerOf(request).timeZone);
  }

  private async shaped<R, O extends object>(
    request: FastifyRequest,
    rows: R[],
    map: Mapper<R, O>,
  ): Promise<O[]> {
    const timeZone = viewerOf(request).timeZone;
    const objects = rows.map((row) => map(row, timeZone));
    const shape = parseShape(request.query as ShapeQuery);
    if (shape.expand.size > 0) {
      const json = objects as Array<Record<string, unknown>>;
      await this.expander.apply(json, shape.expand, workspaceAccessOf(request).workspace, timeZone);
    }
    return shape.fields
      ? objects.map((o) => pickFields(o as Record<string, unknown>, shape.fields) as O)
      : objects;
  }
}
