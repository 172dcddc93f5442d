/**
 * Everything in @cgt/shared. The server may import from here; the mini-program and console should
 * import the subpath they need (e.g. '@cgt/shared/ticket/machine') so that chinese-days, gcoord and
 * zod only land in bundles that use them.
 */
export * from './ticket/machine';
export * from './ticket/rating';
export * from './categories/seed';
export * from './calendar/working-time';
export * from './geo/coords';
export * from './geo/polygon';
export { segmentsIntersect, type Pt } from './geo/validate';
export * from './errors/codes';
export * from './format/phone';
export * from './format/tracking-no';
export * from './open311/mapping';
export * from './open311/service-attributes';
export * from './stats/counters';
export * from './stats/indicators';
export * from './stats/score';
export * from './stats/format';
export * from './stats/period';
