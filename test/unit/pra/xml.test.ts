import { describe, expect, it } from '@jest/globals';
import { errorMessageOf, parseXml, textOf } from '../../../src/pra/xml';

describe('appliance XML', () => {
  it('recognises a bare <error> root, with the real appliance quirk of a space before >', () => {
    expect(errorMessageOf('<error >No Support report information matching your chosen criteria is available.</error>')).toBe(
      'No Support report information matching your chosen criteria is available.',
    );
    expect(errorMessageOf('<?xml version="1.0"?><error xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting">Login failed</error>')).toBe('Login failed');
  });

  it('recognises an <error> wrapped in the expected root', () => {
    expect(errorMessageOf('<session_list xmlns="x"><error>expired</error></session_list>')).toBe('expired');
  });

  it('does not mistake documents that merely contain the word error', () => {
    expect(errorMessageOf('<session_list><session lsid="a"><body>error in script</body></session></session_list>')).toBeUndefined();
    expect(errorMessageOf('<get_api_info><error_message>x</error_message></get_api_info>')).toBeUndefined();
  });

  it('parses by local names whatever the namespace prefix', () => {
    const { root, node } = parseXml('<ns1:session_list xmlns:ns1="urn:x"><ns1:lseq>8</ns1:lseq></ns1:session_list>');
    expect(root).toBe('session_list');
    expect(textOf(node.lseq)).toBe('8');
  });
});
