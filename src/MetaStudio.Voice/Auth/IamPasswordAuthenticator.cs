using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Auth
{
    /// <summary>
    /// Signs in as an IAM user (POST /v3/auth/tokens, password method, project scope) and keeps the token
    /// fresh: it signs in again before the token expires and once after the service refuses it, so a
    /// long batch never dies of an expired token. Password and token stay SecureStrings.
    /// </summary>
    internal sealed class IamPasswordAuthenticator : IRequestAuthenticator, IDisposable
    {
        /// <summary>Sign in again this long before expiry (IAM tokens live 24 h).</summary>
        internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(10);

        private readonly Uri _iamEndpoint;
        private readonly string _userName;
        private readonly SecureString _password;
        private readonly string _domainName;
        private readonly string? _projectName;
        private readonly string? _projectId;
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _signInLock = new SemaphoreSlim(1, 1);
        private SecureString? _token;

        public IamPasswordAuthenticator(Uri iamEndpoint, string userName, SecureString password, string domainName,
            string? projectName, string? projectId, HttpClient http)
        {
            _iamEndpoint = iamEndpoint;
            _userName = userName;
            _password = password.Copy();
            _password.MakeReadOnly();
            _domainName = domainName;
            _projectName = projectName;
            _projectId = projectId;
            _http = http;
        }

        public string Kind => "Password";

        /// <summary>The IAM user the session signs in as.</summary>
        public string UserName => _userName;

        /// <summary>When the current token expires, UTC (null before the first sign-in).</summary>
        public DateTime? ExpiresAt { get; private set; }

        /// <summary>The project the token is scoped to (token.project.id).</summary>
        public string? ProjectId { get; private set; }

        internal int SignInCount { get; private set; }

        /// <summary>Clock for tests; the real one otherwise.</summary>
        internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        public async Task AuthenticateAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
        {
            var token = await CurrentTokenAsync(NullOperationLog.Instance, cancellationToken).ConfigureAwait(false);
            request.Headers.Remove("X-Auth-Token");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", SecretText.Reveal(token));
        }

        public async Task<bool> TryRefreshAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            await SignInAsync(log, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>The token, signing in first when there is none or it is about to expire.</summary>
        public async Task<SecureString> CurrentTokenAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var token = _token;
            if (token != null && ExpiresAt.HasValue && ExpiresAt.Value - RefreshMargin > UtcNow()) return token;
            await _signInLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_token != null && ExpiresAt.HasValue && ExpiresAt.Value - RefreshMargin > UtcNow()) return _token;
                await SignInCoreAsync(log, cancellationToken).ConfigureAwait(false);
                return _token!;
            }
            finally
            {
                _signInLock.Release();
            }
        }

        public async Task SignInAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            await _signInLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { await SignInCoreAsync(log, cancellationToken).ConfigureAwait(false); }
            finally { _signInLock.Release(); }
        }

        private async Task SignInCoreAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var uri = new Uri(_iamEndpoint, "v3/auth/tokens?nocatalog=true");
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            // The body holds the password: built here, sent, never logged.
            request.Content = new ByteArrayContent(PasswordBody());
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=utf8");
            log.Verbose($"Signing in to IAM at {_iamEndpoint.Host} as {_domainName}/{_userName}");

            var answer = await IamCall.SendAsync(_http, request, "KeystoneCreateUserTokenByPassword", "sign in",
                "Check -Region/-IamEndpoint, the network and the proxy.", cancellationToken).ConfigureAwait(false);
            var status = answer.Status;
            if (answer.Error is MetaStudioServiceException error)
            {
                if (error.Kind == MetaStudioErrorKind.Authentication || status == 401 || status == 400)
                    throw new MetaStudioException("IamSignInFailed", MetaStudioErrorKind.Authentication,
                        $"IAM refused the sign-in of {_domainName}/{_userName} (HTTP {status} {error.ErrorCode}: {error.ErrorMessage}). Check the user name, password and -DomainName (the account name), and that the user is an IAM user, not a HUAWEI ID.", error);
                throw error;
            }
            var text = answer.Body;
            var subjectToken = answer.SubjectToken;
            if (string.IsNullOrEmpty(subjectToken))
                throw new MetaStudioException("IamNoToken", MetaStudioErrorKind.InvalidResponse,
                    $"IAM at {_iamEndpoint.Host} answered HTTP {status} without an X-Subject-Token header. Check -IamEndpoint.");
            ReadTokenBody(text, out var expiresAt, out var projectId);
            var secure = new SecureString();
            foreach (var c in subjectToken!) secure.AppendChar(c);
            secure.MakeReadOnly();
            var old = _token;
            _token = secure;
            old?.Dispose();
            ExpiresAt = expiresAt ?? UtcNow().AddHours(24);
            ProjectId = projectId ?? ProjectId;
            SignInCount++;
            log.Verbose($"Signed in; the token expires at {ExpiresAt:u}.");
        }

        private byte[] PasswordBody()
        {
            var buffer = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteStartObject("auth");
                w.WriteStartObject("identity");
                w.WriteStartArray("methods"); w.WriteStringValue("password"); w.WriteEndArray();
                w.WriteStartObject("password");
                w.WriteStartObject("user");
                w.WriteString("name", _userName);
                w.WriteString("password", SecretText.Reveal(_password));
                w.WriteStartObject("domain"); w.WriteString("name", _domainName); w.WriteEndObject();
                w.WriteEndObject(); // user
                w.WriteEndObject(); // password
                w.WriteEndObject(); // identity
                w.WriteStartObject("scope");
                w.WriteStartObject("project");
                if (!string.IsNullOrEmpty(_projectId)) w.WriteString("id", _projectId);
                else w.WriteString("name", _projectName);
                w.WriteEndObject();
                w.WriteEndObject(); // scope
                w.WriteEndObject(); // auth
                w.WriteEndObject();
            }
            return buffer.ToArray();
        }

        internal static void ReadTokenBody(string text, out DateTime? expiresAt, out string? projectId)
        {
            expiresAt = null;
            projectId = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (!doc.RootElement.TryGetProperty("token", out var token)) return;
                if (token.TryGetProperty("expires_at", out var e) && e.ValueKind == JsonValueKind.String &&
                    DateTimeOffset.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var when))
                    expiresAt = when.UtcDateTime;
                if (token.TryGetProperty("project", out var p) && p.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    projectId = id.GetString();
            }
            catch (JsonException)
            {
                // A token without a readable body still works; expiry then defaults to IAM's 24 h.
            }
        }

        public override string ToString() => $"Password ({_domainName}/{_userName})";

        public void Dispose()
        {
            _password.Dispose();
            _token?.Dispose();
            _signInLock.Dispose();
        }
    }
}
