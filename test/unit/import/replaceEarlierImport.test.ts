import { describe, expect, it } from '@jest/globals';
import { attachmentsToDelete, commentsToDelete, supersededAttachmentIds, supersededBy } from '../../../src/import/replaceEarlierImport';
import { newRecord } from '../../../src/import/ledger';

const LSID = 'a'.repeat(32);
const app = { accountId: 'app-1', accountType: 'app' };
const person = { accountId: 'person-1', accountType: 'atlassian' };

describe('what a re-import remembers', () => {
  it('keeps the sets not yet deleted and adds the current generation, complete or not', () => {
    const record = {
      ...newRecord(LSID, 'event'),
      generation: 3,
      superseded: [{ generation: 1, comments: { '1': '10' }, attachments: { 'a.txt': '20' } }],
      progress: { comments: { '1': '11' }, attachments: {}, pending: { kind: 'comment' as const, part: 2 } },
    };
    expect(supersededBy(record)).toEqual([
      { generation: 1, comments: { '1': '10' }, attachments: { 'a.txt': '20' } },
      { generation: 3, comments: { '1': '11' }, attachments: {} },
    ]);
  });

  it('adds nothing for a generation that wrote nothing and planned nothing', () => {
    expect(supersededBy(newRecord(LSID, 'event'))).toEqual([]);
  });
});

describe('what is deleted', () => {
  const sets = [{ generation: 1, comments: { '1': '10' }, attachments: { 'pra-session-x-recording.mp4': '20' } }];

  it("deletes only this session's marked comments of a superseded generation", () => {
    const marked = [
      { id: '10', marker: { lsid: LSID, generation: 1, part: 1 } },
      { id: '12', marker: { lsid: LSID, generation: 1, part: 2 } }, // written, acknowledgement lost: found by its marker
      { id: '13', marker: { lsid: LSID, generation: 2, part: 1 } }, // the new set
      { id: '14', marker: { lsid: 'b'.repeat(32), generation: 1, part: 1 } }, // another session
      { id: '15', marker: { lsid: LSID, generation: '1' } }, // not the app's shape
    ];
    expect(commentsToDelete(marked, LSID, sets)).toEqual(['10', '12']);
  });

  it('deletes a recorded attachment only under its recorded name and written by an app, never a person’s file of the same name', () => {
    const listed = [
      { id: '20', filename: 'pra-session-x-recording.mp4', author: app },
      { id: '21', filename: 'pra-session-x-recording.mp4', author: person },
      { id: '22', filename: 'pra-session-x-recording.mp4', author: app }, // the new set's
    ];
    expect(attachmentsToDelete(listed, sets)).toEqual(['20']);
    expect(attachmentsToDelete([{ id: '20', filename: 'renamed.mp4', author: app }], sets)).toEqual([]);
    expect(attachmentsToDelete([{ id: '20', filename: 'pra-session-x-recording.mp4', author: person }], sets)).toEqual([]);
    expect(attachmentsToDelete([{ id: '20', filename: 'pra-session-x-recording.mp4' }], sets)).toEqual([]);
  });

  it('lists the superseded attachment ids a resumed upload must not take for its own', () => {
    expect([...supersededAttachmentIds({ ...newRecord(LSID, 'event'), superseded: sets })]).toEqual(['20']);
  });
});
