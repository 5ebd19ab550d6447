import { randomInt } from 'node:crypto';

/** The sheet protection password of a campaign created in the panel (like msoko init's: kept in campaign.json). */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
