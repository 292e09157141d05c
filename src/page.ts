// Paging is data: an adapter returns one page of items and, when the server has more, the token for the next one.
// A tree node shows the items and a "Load more" child that asks for `next`.
export interface Page<T> {
  items: T[];
  /** Opaque continuation (an AWS nextToken, a Kubernetes continue token); absent on the last page. */
  next?: string;
}
