/**
 * What API Management's policy expressions may name, as typed data: the members of the implicit `context` variable
 * and the .NET types allowed in an expression. lib/policy/expressions.ts checks every rendered expression against it.
 *
 * Transcribed from "API Management policy expressions"
 * (https://learn.microsoft.com/azure/api-management/api-management-policy-expressions; source file
 * articles/api-management/api-management-policy-expressions.md of MicrosoftDocs/azure-docs at
 * 017654d14eb78a81d68ea84640b468bcb7fa96d3), sections "Context variable" and ".NET Framework types allowed in policy
 * expressions". A name missing here is reported as unknown: extend the table from the reference, never loosen the
 * check.
 */

export const POLICY_EXPRESSIONS_REFERENCE = 'https://learn.microsoft.com/azure/api-management/api-management-policy-expressions';

/**
 * "This article discusses policy expressions syntax in C# 7." Syntax of later C# versions parses with a current
 * grammar but does not compile in a policy: these tree-sitter node types, with the C# version that added them.
 */
export const SYNTAX_AFTER_CSHARP_7: Readonly<Record<string, string>> = {
  switch_expression: 'a switch expression (C# 8)',
  range_expression: 'a range (C# 8)',
  recursive_pattern: 'a property or positional pattern (C# 8)',
  negated_pattern: 'a "not" pattern (C# 9)',
  and_pattern: 'an "and" pattern (C# 9)',
  or_pattern: 'an "or" pattern (C# 9)',
  relational_pattern: 'a relational pattern (C# 9)',
  implicit_object_creation_expression: 'a target-typed "new()" (C# 9)',
  with_expression: 'a "with" expression (C# 9)',
  list_pattern: 'a list pattern (C# 11)',
  raw_string_literal: 'a raw string literal (C# 11)',
};

/**
 * Types of the `context` object graph ("Context variable" table), by the name the reference gives them. A member's
 * type is either another entry of this table, whose members are checked in turn, or a .NET type, whose members are
 * not (see lib/policy/expressions.ts).
 */
export const CONTEXT_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  context: {
    Api: 'context.Api',
    Deployment: 'context.Deployment',
    Elapsed: 'TimeSpan',
    LastError: 'context.LastError',
    Operation: 'context.Operation',
    Product: 'context.Product',
    Request: 'context.Request',
    RequestId: 'Guid',
    Response: 'context.Response',
    Subscription: 'context.Subscription',
    Timestamp: 'DateTime',
    Tracing: 'bool',
    User: 'context.User',
    Variables: 'IReadOnlyDictionary<string, object>',
    Trace: 'void',
  },
  // The context row types Api as IApi; the context.Api row adds the revision members. Both rows are taken.
  'context.Api': {
    Id: 'string',
    IsCurrentRevision: 'bool',
    Name: 'string',
    Path: 'string',
    Protocols: 'IEnumerable<string>',
    Revision: 'string',
    ServiceUrl: 'IUrl',
    SubscriptionKeyParameterNames: 'ISubscriptionKeyParameterNames',
    Version: 'string',
  },
  'context.Deployment': {
    GatewayId: 'string',
    Region: 'string',
    ServiceName: 'string',
    Certificates: 'IReadOnlyDictionary<string, X509Certificate2>',
  },
  'context.LastError': {
    Source: 'string',
    Reason: 'string',
    Message: 'string',
    Scope: 'string',
    Section: 'string',
    Path: 'string',
    PolicyId: 'string',
  },
  'context.Operation': { Id: 'string', Method: 'string', Name: 'string', UrlTemplate: 'string' },
  'context.Product': {
    Apis: 'IEnumerable<IApi>',
    ApprovalRequired: 'bool',
    Groups: 'IEnumerable<IGroup>',
    Id: 'string',
    Name: 'string',
    State: 'ProductState',
    SubscriptionLimit: 'int?',
    SubscriptionRequired: 'bool',
  },
  'context.Request': {
    Body: 'IMessageBody',
    Certificate: 'X509Certificate2',
    Headers: 'IReadOnlyDictionary<string, string[]>',
    IpAddress: 'string',
    MatchedParameters: 'IReadOnlyDictionary<string, string>',
    Method: 'string',
    OriginalUrl: 'IUrl',
    Url: 'IUrl',
    PrivateEndpointConnection: 'IPrivateEndpointConnection',
  },
  'context.Response': {
    Body: 'IMessageBody',
    Headers: 'IReadOnlyDictionary<string, string[]>',
    StatusCode: 'int',
    StatusReason: 'string',
  },
  'context.Subscription': {
    CreatedDate: 'DateTime',
    EndDate: 'DateTime?',
    Id: 'string',
    Key: 'string',
    Name: 'string',
    PrimaryKey: 'string',
    SecondaryKey: 'string',
    StartDate: 'DateTime?',
  },
  'context.User': {
    Email: 'string',
    FirstName: 'string',
    Groups: 'IEnumerable<IGroup>',
    Id: 'string',
    Identities: 'IEnumerable<IUserIdentity>',
    LastName: 'string',
    Note: 'string',
    RegistrationDate: 'DateTime',
  },
  IMessageBody: { As: 'method' },
  IPrivateEndpointConnection: { Name: 'string', GroupId: 'string', MemberName: 'string' },
  IUrl: {
    Host: 'string',
    Path: 'string',
    Port: 'int',
    Query: 'IReadOnlyDictionary<string, string[]>',
    QueryString: 'string',
    Scheme: 'string',
  },
  ISubscriptionKeyParameterNames: { Header: 'string', Query: 'string' },
};

/** Type names the reference gives to values of the context graph and its extension methods; they may be declared. */
export const CONTEXT_VALUE_TYPES: readonly string[] = [
  'BasicAuthCredentials',
  'IApi',
  'IGroup',
  'IMessageBody',
  'IPrivateEndpointConnection',
  'ISubscriptionKeyParameterNames',
  'IUrl',
  'IUserIdentity',
  'Jwt',
];

/** `IMessageBody.As<T>`: "Where T: string, byte[], JObject, JToken, JArray, XNode, XElement, XDocument". */
export const MESSAGE_BODY_TYPES: readonly string[] = ['string', 'byte[]', 'JObject', 'JToken', 'JArray', 'XNode', 'XElement', 'XDocument'];

/**
 * Supported members of an allowed type: all, only the listed ones, or all but the listed ones. `(Constructor)`, as
 * the reference writes it, allows `new`.
 */
export type SupportedMembers = 'all' | { readonly only: readonly string[] } | { readonly except: readonly string[] };

/**
 * ".NET Framework types allowed in policy expressions", full names without generic parameters (`List<T>` is
 * `System.Collections.Generic.List`). Members are checked where the type is named in the expression (a static
 * member or a constructor); members reached through a value are not.
 */
export const ALLOWED_TYPES: Readonly<Record<string, SupportedMembers>> = {
  'Newtonsoft.Json.Formatting': 'all',
  'Newtonsoft.Json.JsonConvert': { only: ['SerializeObject', 'DeserializeObject'] },
  'Newtonsoft.Json.Linq.Extensions': 'all',
  'Newtonsoft.Json.Linq.JArray': 'all',
  'Newtonsoft.Json.Linq.JConstructor': 'all',
  'Newtonsoft.Json.Linq.JContainer': 'all',
  'Newtonsoft.Json.Linq.JObject': 'all',
  'Newtonsoft.Json.Linq.JProperty': 'all',
  'Newtonsoft.Json.Linq.JRaw': 'all',
  'Newtonsoft.Json.Linq.JToken': 'all',
  'Newtonsoft.Json.Linq.JTokenType': 'all',
  'Newtonsoft.Json.Linq.JValue': 'all',
  'System.Array': 'all',
  'System.BitConverter': 'all',
  'System.Boolean': 'all',
  'System.Byte': 'all',
  'System.Char': 'all',
  'System.Collections.Generic.Dictionary': 'all',
  'System.Collections.Generic.HashSet': 'all',
  'System.Collections.Generic.ICollection': 'all',
  'System.Collections.Generic.IDictionary': 'all',
  'System.Collections.Generic.IEnumerable': 'all',
  'System.Collections.Generic.IEnumerator': 'all',
  'System.Collections.Generic.IList': 'all',
  'System.Collections.Generic.IReadOnlyCollection': 'all',
  'System.Collections.Generic.IReadOnlyDictionary': 'all',
  'System.Collections.Generic.ISet': 'all',
  'System.Collections.Generic.KeyValuePair': 'all',
  'System.Collections.Generic.List': 'all',
  'System.Collections.Generic.Queue': 'all',
  'System.Collections.Generic.Stack': 'all',
  'System.Convert': 'all',
  'System.DateTime': {
    only: [
      '(Constructor)',
      'Add',
      'AddDays',
      'AddHours',
      'AddMilliseconds',
      'AddMinutes',
      'AddMonths',
      'AddSeconds',
      'AddTicks',
      'AddYears',
      'Date',
      'Day',
      'DayOfWeek',
      'DayOfYear',
      'DaysInMonth',
      'Hour',
      'IsDaylightSavingTime',
      'IsLeapYear',
      'MaxValue',
      'Millisecond',
      'Minute',
      'MinValue',
      'Month',
      'Now',
      'Parse',
      'Second',
      'Subtract',
      'Ticks',
      'TimeOfDay',
      'Today',
      'ToString',
      'UtcNow',
      'Year',
    ],
  },
  'System.DateTimeKind': { only: ['Utc'] },
  'System.DateTimeOffset': 'all',
  'System.Decimal': 'all',
  'System.Double': 'all',
  'System.Exception': 'all',
  'System.Guid': 'all',
  'System.Int16': 'all',
  'System.Int32': 'all',
  'System.Int64': 'all',
  'System.IO.StringReader': 'all',
  'System.IO.StringWriter': 'all',
  'System.Linq.Enumerable': 'all',
  'System.Math': 'all',
  'System.MidpointRounding': 'all',
  'System.Net.IPAddress': 'all',
  'System.Net.WebUtility': 'all',
  'System.Nullable': 'all',
  'System.Random': 'all',
  'System.SByte': 'all',
  'System.Security.Cryptography.AsymmetricAlgorithm': 'all',
  'System.Security.Cryptography.CipherMode': 'all',
  'System.Security.Cryptography.HashAlgorithm': 'all',
  'System.Security.Cryptography.HashAlgorithmName': 'all',
  'System.Security.Cryptography.HMAC': 'all',
  'System.Security.Cryptography.HMACMD5': 'all',
  'System.Security.Cryptography.HMACSHA1': 'all',
  'System.Security.Cryptography.HMACSHA256': 'all',
  'System.Security.Cryptography.HMACSHA384': 'all',
  'System.Security.Cryptography.HMACSHA512': 'all',
  'System.Security.Cryptography.KeyedHashAlgorithm': 'all',
  'System.Security.Cryptography.MD5': 'all',
  'System.Security.Cryptography.Oid': 'all',
  'System.Security.Cryptography.PaddingMode': 'all',
  'System.Security.Cryptography.RNGCryptoServiceProvider': 'all',
  'System.Security.Cryptography.RSA': 'all',
  'System.Security.Cryptography.RSAEncryptionPadding': 'all',
  'System.Security.Cryptography.RSASignaturePadding': 'all',
  'System.Security.Cryptography.SHA1': 'all',
  'System.Security.Cryptography.SHA1Managed': 'all',
  'System.Security.Cryptography.SHA256': 'all',
  'System.Security.Cryptography.SHA256Managed': 'all',
  'System.Security.Cryptography.SHA384': 'all',
  'System.Security.Cryptography.SHA384Managed': 'all',
  'System.Security.Cryptography.SHA512': 'all',
  'System.Security.Cryptography.SHA512Managed': 'all',
  'System.Security.Cryptography.SymmetricAlgorithm': 'all',
  'System.Security.Cryptography.X509Certificates.PublicKey': 'all',
  'System.Security.Cryptography.X509Certificates.RSACertificateExtensions': 'all',
  'System.Security.Cryptography.X509Certificates.X500DistinguishedName': { only: ['Name'] },
  'System.Security.Cryptography.X509Certificates.X509Certificate': 'all',
  'System.Security.Cryptography.X509Certificates.X509Certificate2': 'all',
  'System.Security.Cryptography.X509Certificates.X509ContentType': 'all',
  'System.Security.Cryptography.X509Certificates.X509NameType': 'all',
  'System.Single': 'all',
  'System.String': 'all',
  'System.StringComparer': 'all',
  'System.StringComparison': 'all',
  'System.StringSplitOptions': 'all',
  'System.Text.Encoding': 'all',
  'System.Text.RegularExpressions.Capture': { only: ['Index', 'Length', 'Value'] },
  'System.Text.RegularExpressions.CaptureCollection': { only: ['Count', 'Item'] },
  'System.Text.RegularExpressions.Group': { only: ['Captures', 'Success'] },
  'System.Text.RegularExpressions.GroupCollection': { only: ['Count', 'Item'] },
  'System.Text.RegularExpressions.Match': { only: ['Empty', 'Groups', 'Result'] },
  'System.Text.RegularExpressions.Regex': { only: ['(Constructor)', 'IsMatch', 'Match', 'Matches', 'Replace', 'Unescape', 'Split'] },
  'System.Text.RegularExpressions.RegexOptions': 'all',
  'System.Text.StringBuilder': 'all',
  'System.TimeSpan': 'all',
  'System.TimeZone': 'all',
  'System.TimeZoneInfo.AdjustmentRule': 'all',
  'System.TimeZoneInfo.TransitionTime': 'all',
  'System.TimeZoneInfo': 'all',
  'System.Tuple': 'all',
  'System.UInt16': 'all',
  'System.UInt32': 'all',
  'System.UInt64': 'all',
  'System.Uri': 'all',
  'System.UriPartial': 'all',
  'System.Xml.Linq.Extensions': 'all',
  'System.Xml.Linq.XAttribute': 'all',
  'System.Xml.Linq.XCData': 'all',
  'System.Xml.Linq.XComment': 'all',
  'System.Xml.Linq.XContainer': 'all',
  'System.Xml.Linq.XDeclaration': 'all',
  'System.Xml.Linq.XDocument': { except: ['Load'] },
  'System.Xml.Linq.XDocumentType': 'all',
  'System.Xml.Linq.XElement': 'all',
  'System.Xml.Linq.XName': 'all',
  'System.Xml.Linq.XNamespace': 'all',
  'System.Xml.Linq.XNode': 'all',
  'System.Xml.Linq.XNodeDocumentOrderComparer': 'all',
  'System.Xml.Linq.XNodeEqualityComparer': 'all',
  'System.Xml.Linq.XObject': 'all',
  'System.Xml.Linq.XProcessingInstruction': 'all',
  'System.Xml.Linq.XText': 'all',
  'System.Xml.XmlNodeType': 'all',
};

/**
 * C# keywords for .NET types, by the keyword, with the type they stand for. `object` is not in the table of allowed
 * types but is every value's base type (the reference types `context.Variables` as IReadOnlyDictionary<string,
 * object>), so casting to it or declaring it is allowed.
 */
export const PREDEFINED_TYPES: Readonly<Record<string, string>> = {
  bool: 'System.Boolean',
  byte: 'System.Byte',
  char: 'System.Char',
  decimal: 'System.Decimal',
  double: 'System.Double',
  float: 'System.Single',
  int: 'System.Int32',
  long: 'System.Int64',
  object: 'System.Object',
  sbyte: 'System.SByte',
  short: 'System.Int16',
  string: 'System.String',
  uint: 'System.UInt32',
  ulong: 'System.UInt64',
  ushort: 'System.UInt16',
};

/**
 * "The set-variable policy declares a context variable and assigns it a value specified via an expression or a
 * string literal. If the expression contains a literal it will be converted to a string and the type of the value
 * will be System.String." (https://learn.microsoft.com/azure/api-management/set-variable-policy)
 */
export const SET_VARIABLE_LITERAL_TYPE = 'string';
