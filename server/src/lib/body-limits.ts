/** A CSV of a few thousand lines (people's invitations) is larger than the API's usual body limit. */
export const CSV_BODY_LIMIT = 2 * 1024 * 1024
