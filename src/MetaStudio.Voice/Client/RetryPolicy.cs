using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.Voice.Client
{
    /// <summary>
    /// The one retry policy of the module, for REST calls and uploads: a bounded number of attempts,
    /// exponential backoff with full jitter (random between 0 and min(cap, base·2^n)), and the
    /// server's Retry-After honoured. Which failures are worth another attempt is decided here too,
    /// by status and by the service's or OBS's error code. One instance per session or call: its
    /// random source is not shared between runspaces.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public const int DefaultMaxRetries = 3;
        private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);
        private readonly Random _random;
        private readonly object _lock = new object();

        public RetryPolicy(int maxRetries = DefaultMaxRetries, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, int? seed = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30);
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        /// <summary>Retries after the first attempt (so MaxRetries + 1 attempts in all).</summary>
        public int MaxRetries { get; }
        public int MaxAttempts => MaxRetries + 1;
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }

        /// <summary>No retries at all (for callers that must see the first failure).</summary>
        public static RetryPolicy None => new RetryPolicy(0);

        /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
        public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter)
        {
            var exponent = Math.Min(30, Math.Max(0, retry - 1));
            var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (1L << Math.Min(exponent, 20)));
            double r;
            lock (_lock) r = _random.NextDouble();
            var delay = TimeSpan.FromTicks((long)(ceiling * r));
            if (retryAfter.HasValue && retryAfter.Value > delay)
                delay = retryAfter.Value < MaxRetryAfter ? retryAfter.Value : MaxRetryAfter;
            return delay;
        }

        /// <summary>
        /// Runs an attempt until it succeeds, fails for good, or the attempts run out: transient failures
        /// that <paramref name="mayRetry"/> allows are retried after the backoff delay (each retry shown
        /// in -Verbose); the final failure carries the number of attempts.
        /// </summary>
        public async Task<T> RunAsync<T>(string what, Func<Task<T>> attempt, Func<MetaStudioException, bool> mayRetry,
            Action? beforeRetry, IOperationLog log, CancellationToken cancellationToken)
        {
            for (var n = 1; ; n++)
            {
                try
                {
                    return await attempt().ConfigureAwait(false);
                }
                catch (MetaStudioException ex) when (n < MaxAttempts && IsTransient(ex) && mayRetry(ex))
                {
                    var delay = DelayBefore(n, ex.RetryAfter);
                    log.Verbose($"{what}: {ex.ErrorId}; retrying in {delay.TotalSeconds:0.0} s (attempt {n + 1} of {MaxAttempts}).");
                    beforeRetry?.Invoke();
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (MetaStudioException ex)
                {
                    ex.Attempts = n;
                    throw;
                }
            }
        }

        /// <summary>A transient failure: the same request may well succeed a moment later.</summary>
        public static bool IsTransient(Exception ex)
        {
            switch (ex)
            {
                case MetaStudioServiceException s:
                    return s.ErrorCode == "APIGW.0308" || IsTransientStatus(s.StatusCode);
                case ObjectStorageException o:
                    switch (o.Code)
                    {
                        case "RequestTimeout": case "SlowDown": case "InternalError": case "ServiceUnavailable":
                            return true;
                        case "SignatureDoesNotMatch": case "AccessDenied": case "BadDigest": case "EntityTooLarge":
                        case "MissingContentLength": case "InvalidObjectName":
                            return false;
                    }
                    return IsTransientStatus(o.StatusCode);
                case MetaStudioException m:
                    return m.Kind == MetaStudioErrorKind.Network || m.Kind == MetaStudioErrorKind.Timeout;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The request provably never reached the service: the connection could not be made, or the
        /// gateway refused it before it went further (throttling). Only these failures may be retried
        /// blindly for a call that is not idempotent (creating a paid job).
        /// </summary>
        public static bool ProvablyNotApplied(Exception ex)
        {
            if (ex is MetaStudioServiceException s)
                return s.ErrorCode == "APIGW.0308" || s.StatusCode == 429;
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused: case SocketError.HostNotFound: case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable: case SocketError.TryAgain: case SocketError.AddressNotAvailable:
                        case SocketError.NoData:
                            return true;
                    }
                }
            }
            return false;
        }

        private static bool IsTransientStatus(int status)
            => status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
