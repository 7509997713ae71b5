using System;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Session
{
    /// <summary>What Connect-MetaStudio was given.</summary>
    internal sealed class ConnectOptions
    {
        public string? Region { get; set; }
        public Uri? Endpoint { get; set; }
        public Uri? IamEndpoint { get; set; }
        public bool AllowInsecureHttp { get; set; }
        public string? AppUserId { get; set; }
        public string? ProjectId { get; set; }
        public IWebProxy? Proxy { get; set; }
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
        public int MaxRetry { get; set; } = RetryPolicy.DefaultMaxRetries;
        public TimeSpan? RetryDelay { get; set; }
        public TimeSpan? StallTimeout { get; set; }

        public SecureString? Token { get; set; }
        public string? AccessKey { get; set; }
        public SecureString? SecretKey { get; set; }
        public SecureString? SecurityToken { get; set; }
        public string? UserName { get; set; }
        public SecureString? Password { get; set; }
        public string? DomainName { get; set; }

        /// <summary>Reads an environment variable (a seam for tests).</summary>
        public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
    }

    /// <summary>
    /// Builds a session from Connect-MetaStudio's options. Sources are tried in this order, and the
    /// first one given is the one used — an explicit source that fails is an error, never a fallthrough:
    /// 1. -Token; 2. -AccessKey/-SecretKey; 3. -Credential/-DomainName (IAM password);
    /// 4. the environment: HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN,
    ///    HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_IAM_ENDPOINT), as the official SDKs read them.
    /// </summary>
    internal static class SessionFactory
    {
        public const string EnvAccessKey = "HUAWEICLOUD_SDK_AK";
        public const string EnvSecretKey = "HUAWEICLOUD_SDK_SK";
        public const string EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
        public const string EnvProjectId = "HUAWEICLOUD_SDK_PROJECT_ID";
        public const string EnvIamEndpoint = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

        public static async Task<MetaStudioSession> CreateAsync(ConnectOptions o, IOperationLog log, CancellationToken ct)
        {
            var endpoint = ResolveEndpoint(o);
            if (!string.IsNullOrEmpty(o.AppUserId)) AppUserIds.Validate(o.AppUserId);
            var rest = HttpClientFactory.CreateRestClient(o.Proxy, o.RequestTimeout);
            var storage = HttpClientFactory.CreateStorageClient(o.Proxy);
            try
            {
                IRequestAuthenticator auth;
                string projectId;
                if (o.Token != null)
                {
                    projectId = Require(o.ProjectId, "-ProjectId is required with -Token: pass the id of the project the token is scoped to.");
                    auth = new TokenAuthenticator(o.Token);
                }
                else if (o.AccessKey != null || o.SecretKey != null)
                {
                    if (string.IsNullOrEmpty(o.AccessKey) || o.SecretKey == null)
                        throw Invalid("IncompleteAccessKey", "Pass both -AccessKey and -SecretKey.");
                    (auth, projectId) = await AccessKeyAsync(o, o.AccessKey!, o.SecretKey, o.SecurityToken, o.ProjectId, rest, log, ct).ConfigureAwait(false);
                }
                else if (o.Password != null)
                {
                    if (string.IsNullOrEmpty(o.UserName) || string.IsNullOrEmpty(o.DomainName))
                        throw Invalid("IncompleteCredential", "Pass -Credential (the IAM user name and password) and -DomainName (the account name).");
                    var iam = ResolveIamEndpoint(o);
                    if (string.IsNullOrEmpty(o.ProjectId) && string.IsNullOrEmpty(o.Region))
                        throw Invalid("RegionRequired", "Pass -Region (the token is scoped to the region's project) or -ProjectId.");
                    var password = new IamPasswordAuthenticator(iam, o.UserName!, o.Password, o.DomainName!, o.Region?.ToLowerInvariant(), o.ProjectId, rest);
                    await password.SignInAsync(log, ct).ConfigureAwait(false);
                    projectId = o.ProjectId ?? password.ProjectId
                        ?? throw new MetaStudioException("IamNoProject", MetaStudioErrorKind.InvalidResponse, "IAM's token names no project. Pass -ProjectId.");
                    auth = password;
                }
                else
                {
                    var ak = o.Environment(EnvAccessKey);
                    var sk = o.Environment(EnvSecretKey);
                    if (string.IsNullOrEmpty(ak) && string.IsNullOrEmpty(sk))
                        throw Invalid("NoCredentials",
                            $"Pass -Token, -AccessKey and -SecretKey, or -Credential and -DomainName; or set {EnvAccessKey} and {EnvSecretKey} in the environment.");
                    if (string.IsNullOrEmpty(ak) || string.IsNullOrEmpty(sk))
                        throw Invalid("IncompleteEnvironmentCredentials", $"Set both {EnvAccessKey} and {EnvSecretKey}, or neither.");
                    log.Verbose($"Using the access key from {EnvAccessKey}/{EnvSecretKey}.");
                    using var secret = Secure(sk!);
                    var envToken = o.Environment(EnvSecurityToken);
                    using var token = string.IsNullOrEmpty(envToken) ? null : Secure(envToken!);
                    (auth, projectId) = await AccessKeyAsync(o, ak!, secret, token, o.ProjectId ?? NullIfEmpty(o.Environment(EnvProjectId)), rest, log, ct).ConfigureAwait(false);
                }
                return new MetaStudioSession(endpoint, o.Region?.ToLowerInvariant(), projectId, o.AppUserId, auth, rest, storage,
                    new RetryPolicy(o.MaxRetry, o.RetryDelay), o.StallTimeout);
            }
            catch
            {
                rest.Dispose();
                storage.Dispose();
                throw;
            }
        }

        private static async Task<(IRequestAuthenticator, string)> AccessKeyAsync(ConnectOptions o, string ak, SecureString sk,
            SecureString? securityToken, string? projectId, HttpClient http, IOperationLog log, CancellationToken ct)
        {
            var auth = new AccessKeyAuthenticator(ak, sk, securityToken, projectId);
            if (string.IsNullOrEmpty(projectId))
            {
                if (string.IsNullOrEmpty(o.Region))
                    throw Invalid("RegionRequired", "Pass -ProjectId, or -Region so the project can be looked up.");
                projectId = await ProjectLookup.FindProjectIdAsync(http, ResolveIamEndpoint(o), o.Region!.ToLowerInvariant(), auth, log, ct).ConfigureAwait(false);
                auth.ProjectId = projectId;
            }
            return (auth, projectId!);
        }

        internal static Uri ResolveEndpoint(ConnectOptions o)
        {
            Uri endpoint;
            if (o.Endpoint != null)
            {
                if (!o.Endpoint.IsAbsoluteUri)
                    throw Invalid("InvalidEndpoint", $"The endpoint '{o.Endpoint}' is not an absolute URL. Pass e.g. https://metastudio.cn-north-4.myhuaweicloud.com or the emulator's http://127.0.0.1:PORT/.");
                endpoint = o.Endpoint;
            }
            else if (string.IsNullOrEmpty(o.Region))
            {
                throw Invalid("RegionRequired", $"Pass -Region ({string.Join(", ", Regions.Names)}) or -Endpoint.");
            }
            else
            {
                CheckRegion(o.Region!);
                endpoint = Regions.MetaStudioEndpoint(o.Region!);
            }
            CheckScheme(endpoint, o.AllowInsecureHttp);
            return endpoint;
        }

        private static Uri ResolveIamEndpoint(ConnectOptions o)
        {
            var iam = o.IamEndpoint;
            if (iam == null && !string.IsNullOrEmpty(o.Environment(EnvIamEndpoint)))
                Uri.TryCreate(o.Environment(EnvIamEndpoint), UriKind.Absolute, out iam);
            if (iam == null)
            {
                if (string.IsNullOrEmpty(o.Region))
                    throw Invalid("IamEndpointRequired", "Pass -Region or -IamEndpoint: signing in and looking up projects go to IAM.");
                CheckRegion(o.Region!);
                iam = Regions.IamEndpoint(o.Region!);
            }
            if (!iam.IsAbsoluteUri) throw Invalid("InvalidEndpoint", $"The IAM endpoint '{iam}' is not an absolute URL.");
            CheckScheme(iam, o.AllowInsecureHttp);
            return iam.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? iam : new Uri(iam.AbsoluteUri + "/");
        }

        private static void CheckRegion(string region)
        {
            if (!Regions.IsKnown(region))
                throw Invalid("UnknownRegion", $"MetaStudio has no endpoint in region '{region}'. Known regions: {string.Join(", ", Regions.Names)}. For another deployment pass -Endpoint (and -IamEndpoint).");
        }

        private static void CheckScheme(Uri endpoint, bool allowInsecureHttp)
        {
            if (!Regions.IsAllowedScheme(endpoint, allowInsecureHttp))
                throw new MetaStudioException("InsecureEndpoint", MetaStudioErrorKind.Security,
                    $"The endpoint {Redactor.Url(endpoint)} does not use HTTPS. Use https://, or -AllowInsecureHttp if you really mean to send credentials in clear text (plain HTTP is allowed to this machine only).");
        }

        private static string Require(string? value, string message)
            => string.IsNullOrEmpty(value) ? throw Invalid("ProjectIdRequired", message) : value!;

        private static MetaStudioException Invalid(string id, string message) => new MetaStudioException(id, MetaStudioErrorKind.InvalidArgument, message);

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
