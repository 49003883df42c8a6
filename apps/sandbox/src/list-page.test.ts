import { describe, expect, it } from 'vitest';
import { buildListPage, type PageRequest, parsePageRequest } from './list-page.js';

const records = ['a', 'b', 'c', 'd', 'e'].map((letter) => ({ sid: `SM${letter}` }));
const path = '/2010-04-01/Accounts/AC1/Messages.json';

function request(query: string): PageRequest {
  const parsed = parsePageRequest(new URLSearchParams(query));
  if ('field' in parsed) throw new Error(parsed.message);
  return parsed;
}

function page(query: string, filters = new URLSearchParams()) {
  return buildListPage({
    records,
    render: (record) => record.sid,
    key: 'messages',
    path,
    filters,
    request: request(query),
  });
}

describe('Twilio list pages', () => {
  it('shows the first page with paging links and counts', () => {
    expect(page('PageSize=2', new URLSearchParams({ To: '+1555' }))).toEqual({
      first_page_uri: `${path}?To=%2B1555&PageSize=2&Page=0`,
      end: 1,
      previous_page_uri: null,
      messages: ['SMa', 'SMb'],
      uri: `${path}?To=%2B1555&PageSize=2&Page=0`,
      page_size: 2,
      start: 0,
      next_page_uri: `${path}?To=%2B1555&PageSize=2&Page=1&PageToken=PASMb`,
      page: 0,
    });
  });

  it('writes the comparison filters the way Twilio does (DateSent%3E=...)', () => {
    const filters = new URLSearchParams({ 'DateSent>': '2026-11-26' });
    expect(page('PageSize=2', filters).first_page_uri).toBe(
      `${path}?DateSent%3E=2026-11-26&PageSize=2&Page=0`,
    );
  });

  it('continues after the PA token record, and links back before its first record with a PB token', () => {
    expect(page('PageSize=2&Page=1&PageToken=PASMb')).toMatchObject({
      messages: ['SMc', 'SMd'],
      start: 2,
      end: 3,
      previous_page_uri: `${path}?PageSize=2&Page=0&PageToken=PBSMc`,
    });
  });

  it('goes back a page before the PB token record', () => {
    expect(page('PageSize=2&Page=0&PageToken=PBSMc')).toMatchObject({ messages: ['SMa', 'SMb'], start: 0 });
  });

  it('has no next page on the last page', () => {
    expect(page('PageSize=2&Page=2&PageToken=PASMd')).toMatchObject({
      messages: ['SMe'],
      next_page_uri: null,
    });
  });

  it('falls back to Page x PageSize when the PageToken names no record', () => {
    expect(page('PageSize=2&Page=1&PageToken=PASMzzz')).toMatchObject({ messages: ['SMc', 'SMd'] });
  });
});

describe('parsePageRequest', () => {
  it('defaults to the first page of 50', () => {
    expect(parsePageRequest(new URLSearchParams())).toEqual({ page: 0, pageSize: 50, pageToken: null });
  });

  it('serves a PageSize over 1000 as 1000, Twilio maximum', () => {
    expect(parsePageRequest(new URLSearchParams('PageSize=5000'))).toMatchObject({ pageSize: 1000 });
  });

  it.each([
    ['PageSize=0', 'PageSize'],
    ['PageSize=abc', 'PageSize'],
    ['PageSize=-5', 'PageSize'],
    ['PageSize=2.5', 'PageSize'],
    ['PageSize=', 'PageSize'],
    ['Page=x', 'Page'],
    ['Page=-1', 'Page'],
  ])('refuses %s, naming %s', (query, field) => {
    expect(parsePageRequest(new URLSearchParams(query))).toMatchObject({ field });
  });
});
