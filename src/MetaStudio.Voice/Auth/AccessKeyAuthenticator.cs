using System;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Auth
{
    /// <summary>
    /// AK/SK authentication: every request signed with SDK-HMAC-SHA256 at the moment it is sent, with
    /// X-Project-Id and, for temporary keys, X-Security-Token. The secret key stays a SecureString.
    /// </summary>
    internal sealed class AccessKeyAuthenticator : IRequestAuthenticator, IDisposable
    {
        private readonly string _accessKey;
        private readonly SecureString _secretKey;
        private readonly SecureString? _securityToken;

        public AccessKeyAuthenticator(string accessKey, SecureString secretKey, SecureString? securityToken, string? projectId)
        {
            _accessKey = accessKey;
            _secretKey = secretKey.Copy();
            _secretKey.MakeReadOnly();
            _securityToken = securityToken?.Copy();
            _securityToken?.MakeReadOnly();
            ProjectId = projectId;
        }

        public string Kind => _securityToken == null ? "AccessKey" : "TemporaryAccessKey";

        /// <summary>X-Project-Id; null while signing the project lookup itself.</summary>
        public string? ProjectId { get; set; }

        /// <summary>The access key id as it may be shown: its first four characters.</summary>
        public string MaskedAccessKey => Mask(_accessKey);

        internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        public Task AuthenticateAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
        {
            SdkHmacSigner.Sign(request, body, _accessKey, SecretText.Reveal(_secretKey), ProjectId,
                _securityToken == null ? null : SecretText.Reveal(_securityToken), UtcNow());
            return Task.CompletedTask;
        }

        /// <summary>A key pair cannot be renewed here: a refusal is final.</summary>
        public Task<bool> TryRefreshAsync(IOperationLog log, CancellationToken cancellationToken) => Task.FromResult(false);

        internal static string Mask(string accessKey)
            => accessKey.Length <= 4 ? new string('*', accessKey.Length) : accessKey.Substring(0, 4) + new string('*', Math.Min(12, accessKey.Length - 4));

        public override string ToString() => $"{Kind} ({MaskedAccessKey})";

        public void Dispose()
        {
            _secretKey.Dispose();
            _securityToken?.Dispose();
        }
    }
}
