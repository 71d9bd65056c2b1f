import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/platform/http/index.js';

describe('contentSecurityPolicy', () => {
  it('is the strict policy every page had, byte for byte, without extras', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(contentSecurityPolicy({ imgSrc: [] })).toBe(contentSecurityPolicy());
  });

  it('adds image origins to img-src only', () => {
    expect(contentSecurityPolicy({ imgSrc: ['https://tile.openstreetmap.org'] })).toBe(
      "default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });
});
