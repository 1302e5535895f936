import { LAYER_ORDER } from '../../lib/layers';
import { onlyResource, SHIPPED_ENVIRONMENTS, stackOf, synthShipped } from '../helpers/synth';

const synth = synthShipped();

/** The layers a stack reads through remote state. */
function readsFrom(env: string, layer: string): string[] {
  const prefix = `cross-stack-reference-input-${env}-`;
  return Object.keys(stackOf(synth, `${env}-${layer}`).data?.terraform_remote_state ?? {})
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

describe('layer order', () => {
  it.each(SHIPPED_ENVIRONMENTS)('%s: every layer reads only layers applied before it', (env) => {
    for (const layer of LAYER_ORDER) {
      for (const source of readsFrom(env, layer)) {
        expect({ layer, source, before: LAYER_ORDER.indexOf(source as never) < LAYER_ORDER.indexOf(layer) }).toEqual({
          layer,
          source,
          before: true,
        });
      }
    }
  });

  it.each(SHIPPED_ENVIRONMENTS)(
    '%s: the gateway, the only reader of the portal secret, is applied right after the identity layer and reads the newer secret from its state',
    (env) => {
      // Insights reads only the workspace reader groups' object ids, which no identity apply changes.
      expect(LAYER_ORDER.filter((layer) => readsFrom(env, layer).includes('identity'))).toEqual(['gateway', 'insights']);
      const insightsReads = JSON.stringify(stackOf(synth, `${env}-insights`)).match(/identity\.outputs\.[\w-]+/g) ?? [];
      expect(insightsReads.length).toBeGreaterThan(0);
      expect(insightsReads.filter((output) => !/workspace-readers_(logs|prompts)_\w+object_id$/.test(output))).toEqual([]);
      expect(LAYER_ORDER.indexOf('gateway')).toBe(LAYER_ORDER.indexOf('identity') + 1);

      const secret = String(onlyResource(stackOf(synth, `${env}-gateway`), 'azurerm_api_management_identity_provider_aad').client_secret);
      const outputs = [
        ...secret.matchAll(/data\.terraform_remote_state\.cross-stack-reference-input-[a-z0-9]+-identity\.outputs\.([\w-]+)/g),
      ].map((match) => match[1]!);
      const identityOutputs = stackOf(synth, `${env}-identity`).output ?? {};
      // The value and creation time of each of the portal's two secrets, from the identity layer's state.
      expect(
        outputs.map((output) => String(identityOutputs[output]?.value).replace(/\.[^.]+\.(value|start_date)\}$/, '.$1')).sort(),
      ).toEqual([
        '${azuread_application_password.start_date',
        '${azuread_application_password.start_date',
        '${azuread_application_password.value',
        '${azuread_application_password.value',
      ]);
    },
  );
});
