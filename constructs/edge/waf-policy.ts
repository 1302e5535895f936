import {
  WebApplicationFirewallPolicy,
  type WebApplicationFirewallPolicyCustomRules,
  type WebApplicationFirewallPolicyManagedRulesExclusion,
} from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { Construct } from 'constructs';

import type { WafRuleSetType } from '../../lib/azure/application-gateway';

/** What the policy enforces. */
export interface WafSettings {
  /** Prevention blocks what the rules match; Detection only logs it. */
  readonly mode: 'Prevention' | 'Detection';
  /** One of WAF_RULE_SETS (lib/azure/application-gateway.ts). */
  readonly ruleSet: { readonly type: WafRuleSetType; readonly version: string };
  /** Largest request body inspected (and accepted), in KB. */
  readonly maxRequestBodySizeKb: number;
  readonly fileUploadLimitMb: number;
  /** Requests per minute per client IP before the WAF answers 429. @default no rate limit */
  readonly rateLimitPerMinute?: number | undefined;
}

/**
 * Top-level fields of Azure OpenAI request bodies that carry free text written by users or models: chat
 * `messages`, completion `prompt`, embeddings and responses `input`. Everything else in the body (model
 * parameters, tools, metadata) stays fully inspected.
 */
export const OPENAI_TEXT_FIELDS = ['messages', 'prompt', 'input'] as const;

/**
 * The managed rule groups the text fields are excluded from, per rule set. Only attack classes whose patterns
 * match ordinary prompts are listed; protocol, method, general and threat-intelligence groups keep inspecting
 * these fields, and every group keeps inspecting headers, cookies, the URL and all other body fields.
 */
export const TEXT_FIELD_EXCLUDED_GROUPS: Readonly<Record<WafRuleSetType, readonly string[]>> = {
  Microsoft_DefaultRuleSet: [
    // Users ask models to write, fix and explain SQL; prompts quote queries and tautologies such as 1=1.
    'SQLI',
    // The Microsoft threat-intelligence SQL signatures fire on the same quoted queries.
    'MS-ThreatIntel-SQLI',
    // Prompts and completions carry HTML, Markdown and JavaScript snippets (<script>, onerror=, javascript:).
    'XSS',
    // Shell commands, pipes and $(...) appear in every question about scripting or operations.
    'RCE',
    // PHP code pasted for review or generation.
    'PHP',
    // JavaScript and Node.js code pasted for review or generation.
    'NODEJS',
    // Java code, stack traces and log lines (including ${jndi:...} in security discussions).
    'JAVA',
    // Source code is full of relative imports (../../lib) and file names such as /etc/hosts.
    'LFI',
    // Prompts cite URLs with query strings and IP addresses, which the remote-include rules treat as payloads.
    'RFI',
  ],
  OWASP: [
    // Same reasons as the Microsoft rule set, under the Core Rule Set's group names.
    'REQUEST-942-APPLICATION-ATTACK-SQLI',
    'REQUEST-941-APPLICATION-ATTACK-XSS',
    'REQUEST-932-APPLICATION-ATTACK-RCE',
    'REQUEST-933-APPLICATION-ATTACK-PHP',
    'REQUEST-944-APPLICATION-ATTACK-JAVA',
    'REQUEST-930-APPLICATION-ATTACK-LFI',
    'REQUEST-931-APPLICATION-ATTACK-RFI',
  ],
};

/**
 * Rule-scoped exclusions for the OpenAI text fields: the values of these JSON fields skip only the listed rule
 * groups of the configured rule set. `RequestArgValues` is the by-value variable Microsoft recommends for CRS 3.2
 * and later; `StartsWith` covers the nested entries under each field (`messages` holds an array of objects).
 */
export function openAiBodyExclusions(ruleSet: WafSettings['ruleSet']): WebApplicationFirewallPolicyManagedRulesExclusion[] {
  return OPENAI_TEXT_FIELDS.map((field) => ({
    matchVariable: 'RequestArgValues',
    selector: field,
    selectorMatchOperator: 'StartsWith',
    excludedRuleSet: {
      type: ruleSet.type,
      version: ruleSet.version,
      ruleGroup: TEXT_FIELD_EXCLUDED_GROUPS[ruleSet.type].map((ruleGroupName) => ({ ruleGroupName })),
    },
  }));
}

/**
 * Microsoft's bot rule set next to the configured one: it blocks addresses threat intelligence lists as malicious
 * bots and only logs unclassified clients, so SDKs and scripts calling the API are not refused for being bots.
 */
export const BOT_PROTECTION_RULE_SET = { type: 'Microsoft_BotManagerRuleSet', version: '1.0' } as const;

/** Name of the per-client rate-limit rule; also what firewall log entries show in `ruleId`. */
export const RATE_LIMIT_RULE_NAME = 'RateLimitPerClientIp';

/**
 * Blocks a client address that sends more than `requestsPerMinute` requests in a minute. Token quotas are enforced
 * by API Management per subscription; this rule only shields the gateway from floods by a single address.
 */
export function rateLimitRule(requestsPerMinute: number): WebApplicationFirewallPolicyCustomRules {
  if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1) {
    throw new Error(`rate limit must be a whole number of requests per minute >= 1, got ${requestsPerMinute}`);
  }
  return {
    name: RATE_LIMIT_RULE_NAME,
    priority: 10,
    ruleType: 'RateLimitRule',
    action: 'Block',
    rateLimitDuration: 'OneMin',
    rateLimitThreshold: requestsPerMinute,
    groupRateLimitBy: 'ClientAddr',
    // A rate-limit rule needs a match condition; every IPv4 address matches, so every request is counted.
    matchConditions: [
      { matchVariables: [{ variableName: 'RemoteAddr' }], operator: 'IPMatch', negationCondition: false, matchValues: ['0.0.0.0/0'] },
    ],
  };
}

/**
 * Request headers whose values are masked in the firewall log: it records the data a rule matched, and
 * credentials must never reach the workspace.
 */
export const SCRUBBED_HEADERS = ['Authorization', 'api-key', 'Ocp-Apim-Subscription-Key'] as const;

export interface WafPolicyProps {
  /** Policy name, from the naming module. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Mode, managed rule set, body limits and the optional rate limit. */
  readonly waf: WafSettings;
}

/**
 * The Application Gateway's WAF policy: the configured managed rule set and bot protection, full request body
 * inspection up to the configured size, the narrow exclusions OpenAI bodies need, and an optional per-client rate
 * limit.
 */
export class WafPolicy extends Construct {
  readonly policy: WebApplicationFirewallPolicy;

  constructor(scope: Construct, id: string, props: WafPolicyProps) {
    super(scope, id);
    const { waf } = props;
    this.policy = new WebApplicationFirewallPolicy(this, 'policy', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      policySettings: {
        enabled: true,
        mode: waf.mode,
        requestBodyCheck: true,
        // Oversized bodies are rejected rather than passed on half-inspected.
        requestBodyEnforcement: true,
        maxRequestBodySizeInKb: waf.maxRequestBodySizeKb,
        // The inspection depth defaults to 128 KB; long prompts are inspected to the end, like any other body.
        requestBodyInspectLimitInKb: waf.maxRequestBodySizeKb,
        fileUploadEnforcement: true,
        fileUploadLimitInMb: waf.fileUploadLimitMb,
        logScrubbing: {
          enabled: true,
          rule: SCRUBBED_HEADERS.map((selector) => ({
            enabled: true,
            matchVariable: 'RequestHeaderNames',
            selectorMatchOperator: 'Equals',
            selector,
          })),
        },
      },
      managedRules: {
        managedRuleSet: [{ type: waf.ruleSet.type, version: waf.ruleSet.version }, { ...BOT_PROTECTION_RULE_SET }],
        exclusion: openAiBodyExclusions(waf.ruleSet),
      },
      customRules: waf.rateLimitPerMinute === undefined ? undefined : [rateLimitRule(waf.rateLimitPerMinute)],
    });
  }
}
