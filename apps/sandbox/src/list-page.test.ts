import { describe, expect, it } from 'vitest';
import { buildListPage, readPageRequest } from './list-page.js';

const records = ['a', 'b', 'c', 'd', 'e'].map((letter) => ({ sid: `SM${letter}` }));
const path = '/2010-04-01/Accounts/AC1/Messages.json';

function page(query: string, filters = new URLSearchParams()) {
  return buildListPage({
    records,
    render: (record) => record.sid,
    key: 'messages',
    path,
    filters,
    request: readPageRequest(new URLSearchParams(query)),
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

  it('continues after the PageToken record', () => {
    expect(page('PageSize=2&Page=1&PageToken=PASMb')).toMatchObject({
      messages: ['SMc', 'SMd'],
      start: 2,
      end: 3,
      previous_page_uri: `${path}?PageSize=2&Page=0`,
    });
  });

  it('has no next page on the last page', () => {
    expect(page('PageSize=2&Page=2&PageToken=PASMd')).toMatchObject({
      messages: ['SMe'],
      next_page_uri: null,
    });
  });

  it('defaults to 50 per page and clamps PageSize to 1..1000', () => {
    expect(readPageRequest(new URLSearchParams())).toEqual({ page: 0, pageSize: 50, pageToken: null });
    expect(readPageRequest(new URLSearchParams('PageSize=5000')).pageSize).toBe(1000);
    expect(readPageRequest(new URLSearchParams('PageSize=0')).pageSize).toBe(1);
    expect(readPageRequest(new URLSearchParams('PageSize=abc')).pageSize).toBe(50);
  });

  it('falls back to Page x PageSize when the PageToken names no record', () => {
    expect(page('PageSize=2&Page=1&PageToken=PASMzzz')).toMatchObject({ messages: ['SMc', 'SMd'] });
  });
});
