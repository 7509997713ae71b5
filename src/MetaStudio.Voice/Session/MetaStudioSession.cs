using System;
using System.Net.Http;
using System.Reflection;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Session
{
    /// <summary>
    /// A connection to MetaStudio: where (endpoint, region, project), as whom (the authenticator, which
    /// keeps its secret to itself) and the HTTP clients. Connect-MetaStudio stores it in the session
    /// variable $MetaStudioSession; every cmdlet also takes one through -Session. Shows no secret.
    /// </summary>
    public sealed class MetaStudioSession : IDisposable
    {
        /// <summary>The name of the session variable Connect-MetaStudio sets.</summary>
        public const string VariableName = "MetaStudioSession";

        private readonly HttpClient _rest;
        private readonly HttpClient _storage;
        private readonly IRequestAuthenticator _authenticator;
        private bool _disposed;

        internal MetaStudioSession(Uri endpoint, string? region, string projectId, string? appUserId,
            IRequestAuthenticator authenticator, HttpClient rest, HttpClient storage, RetryPolicy? retry = null, TimeSpan? stallTimeout = null)
        {
            Endpoint = endpoint;
            Region = region;
            ProjectId = projectId;
            AppUserId = appUserId;
            AuthenticationKind = authenticator.Kind;
            ConnectedAt = DateTime.UtcNow;
            _authenticator = authenticator;
            _rest = rest;
            _storage = storage;
            Client = new MetaStudioClient(endpoint, projectId, authenticator, rest, UserAgent);
            Retry = retry ?? new RetryPolicy();
            Api = new VoiceTrainingApi(Client, Retry);
            Uploader = new ObjectUploader(storage, stallTimeout);
        }

        /// <summary>The region id (cn-north-4, ...), or null for a custom endpoint.</summary>
        public string? Region { get; }
        /// <summary>The MetaStudio endpoint, e.g. https://metastudio.cn-north-4.myhuaweicloud.com/.</summary>
        public Uri Endpoint { get; }
        public string ProjectId { get; }
        /// <summary>The default X-App-UserId for this session's requests.</summary>
        public string? AppUserId { get; }
        /// <summary>Token, AccessKey or Password: how requests are authenticated.</summary>
        public string AuthenticationKind { get; }
        /// <summary>Who the session acts as, safe to show: the IAM user, or the access key id's first characters.</summary>
        public string? Identity => _authenticator switch
        {
            IamPasswordAuthenticator p => p.UserName,
            AccessKeyAuthenticator a => a.MaskedAccessKey,
            _ => null,
        };

        /// <summary>When the current IAM token expires, UTC; it is renewed before then. Null for keys and raw tokens.</summary>
        public DateTime? TokenExpiresAt => (_authenticator as IamPasswordAuthenticator)?.ExpiresAt;

        /// <summary>Retries after a transient failure (Connect-MetaStudio -MaxRetry; each cmdlet's -MaxRetry overrides it).</summary>
        public int MaxRetry => Retry.MaxRetries;

        /// <summary>An upload that moves no bytes for this long is aborted and retried.</summary>
        public TimeSpan StallTimeout => Uploader.StallTimeout;

        /// <summary>When the session was created, UTC.</summary>
        public DateTime ConnectedAt { get; }
        /// <summary>False after Disconnect-MetaStudio.</summary>
        public bool IsConnected => !_disposed;

        private const int RecentJobLimit = 500;
        private readonly object _recentLock = new object();
        private readonly System.Collections.Generic.List<(string JobId, string? VoiceName, string? State)> _recentJobs
            = new System.Collections.Generic.List<(string, string?, string?)>();

        /// <summary>Remembers a job this session has seen, newest first, for tab completion of -JobId.</summary>
        internal void Remember(string jobId, string? voiceName, string? state)
        {
            if (string.IsNullOrEmpty(jobId)) return;
            lock (_recentLock)
            {
                _recentJobs.RemoveAll(j => j.JobId == jobId);
                _recentJobs.Insert(0, (jobId, voiceName, state));
                if (_recentJobs.Count > RecentJobLimit) _recentJobs.RemoveRange(RecentJobLimit, _recentJobs.Count - RecentJobLimit);
            }
        }

        internal System.Collections.Generic.List<(string JobId, string? VoiceName, string? State)> RecentJobs()
        {
            lock (_recentLock) return new System.Collections.Generic.List<(string, string?, string?)>(_recentJobs);
        }

        internal IRequestAuthenticator Authenticator => _authenticator;
        internal MetaStudioClient Client { get; }
        internal VoiceTrainingApi Api { get; }
        internal RetryPolicy Retry { get; }
        internal ObjectUploader Uploader { get; }

        internal static string UserAgent { get; } =
            "MetaStudio.Voice/" + (typeof(MetaStudioSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0") + " (PowerShell)";

        public override string ToString() => $"{AuthenticationKind} session for project {ProjectId} at {Endpoint.Host}";

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _rest.Dispose();
            _storage.Dispose();
            (_authenticator as IDisposable)?.Dispose();
        }
    }
}
