/** A GUID in the lowercase form Azure and Entra ID return. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A GUID in either case, for values people type (object ids copied from the portal). */
export const GUID_ANY_CASE = new RegExp(GUID.source, 'i');
