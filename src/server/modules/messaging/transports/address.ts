/** The bare address of a "Name <address>" sender, e.g. for an invitation's ORGANIZER. */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
