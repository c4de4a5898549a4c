import { describe, expect, it } from '@jest/globals';
import { parseApiInfo } from '../../../src/pra/apiInfo';

const doc = (permissions: string, ns = 'http://www.beyondtrust.com/sra/namespaces/API/command') => `<?xml version="1.0" encoding="UTF-8"?>
<get_api_info xmlns="${ns}">
  <api_version>1.25.0</api_version>
  <timestamp>1733239565</timestamp>
  <permissions>${permissions}</permissions>
</get_api_info>`;

describe('get_api_info parsing', () => {
  it('reads version and permissions given as attributes', () => {
    const info = parseApiInfo(doc('<permission perm_backup="0" perm_command="full_access" perm_configuration="1" perm_reporting="1"/>'));
    expect(info).toMatchObject({ apiVersion: '1.25.0', command: 'full_access', reporting: true, configuration: true });
  });

  it('reads permissions given as child elements, in any namespace', () => {
    const info = parseApiInfo(
      doc('<perm_command>read_only</perm_command><perm_reporting>0</perm_reporting>', 'https://www.beyondtrust.com/namespaces/API/command'),
    );
    expect(info).toMatchObject({ command: 'read_only', reporting: false });
    expect(info.configuration).toBeUndefined();
  });

  it('reads name/value permission elements and deny', () => {
    const info = parseApiInfo(doc('<permission name="perm_command" value="deny"/><permission name="perm_reporting" value="1"/>'));
    expect(info).toMatchObject({ command: 'deny', reporting: true });
  });

  it('refuses a document without api_version', () => {
    expect(() => parseApiInfo('<check_health><success>1</success></check_health>')).toThrow(/api_version/);
  });
});
