import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SourceIndex } from '../../../tools/check/source';

const ROOT = join(__dirname, '..', '..', '..');
const index = SourceIndex.fromProject(ROOT);

function lineOf(file: string, text: string): number {
  const line =
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1;
  if (line === 0) {
    throw new Error(`${text} not in ${file}`);
  }
  return line;
}

describe('SourceIndex', () => {
  test('finds the construct that creates a resource and the stack line that composes it', () => {
    expect(index.locate('azurerm_key_vault', 'prod-data/key-vault/vault')).toEqual({
      created: { file: 'constructs/data/key-vault.ts', line: lineOf('constructs/data/key-vault.ts', "new KeyVault(this, 'vault'") },
      composed: { file: 'stacks/data.ts', line: lineOf('stacks/data.ts', "(this, 'key-vault'") },
      configKeys: expect.arrayContaining(['network']) as unknown as string[],
    });
  });

  test('a type several constructs create is resolved by the construct id', () => {
    const source = index.locate('azurerm_storage_account', 'dev-data/storage/account');
    expect(source.created).toEqual({
      file: 'constructs/data/storage.ts',
      line: lineOf('constructs/data/storage.ts', "new StorageAccount(this, 'account'"),
    });
  });

  test('says nothing rather than guess when no construct matches', () => {
    const source = index.locate('azurerm_no_such_type', 'dev-data/x/y');
    expect(source.created).toBeUndefined();
    expect(source.composed).toBeUndefined();
  });
});
