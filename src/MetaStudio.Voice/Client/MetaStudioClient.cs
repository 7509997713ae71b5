using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Auth;

namespace MetaStudio.Voice.Client
{
    /// <summary>
    /// Speaks JSON to the MetaStudio REST API for one session: builds the URL under
    /// /v1/{project_id}/, lets the authenticator add credentials, maps error answers and transport
    /// failures to <see cref="MetaStudioException"/>s, and logs each call redacted.
    /// </summary>
    internal sealed class MetaStudioClient
    {
        internal static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        private const long MaxResponseBytes = 16L * 1024 * 1024;
        private readonly HttpClient _http;
        private readonly IRequestAuthenticator _auth;
        private readonly string _userAgent;

        public MetaStudioClient(Uri endpoint, string projectId, IRequestAuthenticator auth, HttpClient http, string userAgent)
        {
            Endpoint = endpoint;
            ProjectId = projectId;
            _auth = auth;
            _http = http;
            _userAgent = userAgent;
        }

        public Uri Endpoint { get; }
        public string ProjectId { get; }

        /// <summary>The URL of an operation: {endpoint}/v1/{project_id}/{path}?{query}.</summary>
        public Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string?>>? query)
        {
            var sb = new StringBuilder();
            sb.Append(Endpoint.GetLeftPart(UriPartial.Authority));
            sb.Append(Endpoint.AbsolutePath.TrimEnd('/'));
            sb.Append("/v1/").Append(Uri.EscapeDataString(ProjectId)).Append('/').Append(path.TrimStart('/'));
            var first = true;
            foreach (var kv in query ?? Enumerable.Empty<KeyValuePair<string, string?>>())
            {
                if (kv.Value == null) continue;
                sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(kv.Key)).Append('=').Append(Uri.EscapeDataString(kv.Value));
                first = false;
            }
            return new Uri(sb.ToString());
        }

        /// <summary>
        /// Sends a request and returns the parsed answer (null for an empty body). Transient failures
        /// are retried by the call's policy — for calls that are not idempotent only when the request
        /// provably never reached the service. When the service refuses the credentials and the
        /// authenticator can renew them, it renews once and tries again.
        /// </summary>
        public Task<T?> SendAsync<T>(ApiCall call, IOperationLog log, CancellationToken cancellationToken) where T : class
            => (call.Retry ?? RetryPolicy.None).RunAsync(call.Operation, () => SendRenewingAsync<T>(call, log, cancellationToken),
                ex => call.Idempotent || RetryPolicy.ProvablyNotApplied(ex), null, log, cancellationToken);

        /// <summary>One attempt; if the credentials are refused and can be renewed, renewed once and sent again.</summary>
        private async Task<T?> SendRenewingAsync<T>(ApiCall call, IOperationLog log, CancellationToken cancellationToken) where T : class
        {
            try
            {
                return await SendOnceAsync<T>(call, log, cancellationToken).ConfigureAwait(false);
            }
            catch (MetaStudioServiceException ex) when (ex.Kind == MetaStudioErrorKind.Authentication)
            {
                if (!await _auth.TryRefreshAsync(log, cancellationToken).ConfigureAwait(false)) throw;
                log.Verbose($"{call.Operation}: the credentials were refused ({ex.ErrorCode}); signed in again, retrying once.");
                return await SendOnceAsync<T>(call, log, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<T?> SendOnceAsync<T>(ApiCall call, IOperationLog log, CancellationToken cancellationToken) where T : class
        {
            var uri = BuildUri(call.Path, call.Query);
            byte[]? body = call.Body == null ? null : JsonSerializer.SerializeToUtf8Bytes(call.Body, call.Body.GetType(), Json);
            using var request = new HttpRequestMessage(call.Method, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (!string.IsNullOrEmpty(call.AppUserId)) request.Headers.TryAddWithoutValidation("X-App-UserId", call.AppUserId);
            // Small JSON bodies go at once: Windows PowerShell 5.1 would otherwise wait up to 350 ms for "100 Continue".
            request.Headers.ExpectContinue = false;
            if (body != null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            await _auth.AuthenticateAsync(request, body, cancellationToken).ConfigureAwait(false);

            log.Verbose($"{call.Operation}: {call.Method.Method} {Redactor.Url(uri)}");
            if (body != null) log.Debug($"{call.Operation} request body: {Encoding.UTF8.GetString(body)}");

            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                throw new MetaStudioException("RequestTimedOut", MetaStudioErrorKind.Timeout,
                    $"MetaStudio {call.Operation} got no answer from {Endpoint.Host} within {_http.Timeout.TotalSeconds:0} s. Check the network, or try again later.", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new MetaStudioException("NetworkError", MetaStudioErrorKind.Network,
                    $"MetaStudio {call.Operation} could not reach {Endpoint.Host}: {Flatten(ex)}. Check the endpoint (Connect-MetaStudio -Region/-Endpoint), the network and the proxy.", ex);
            }

            using (response)
            {
                var requestId = Header(response, "X-Request-Id");
                string text;
                try
                {
                    if (response.Content.Headers.ContentLength > MaxResponseBytes)
                        throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse,
                            $"MetaStudio {call.Operation} answered with {response.Content.Headers.ContentLength} bytes, more than the {MaxResponseBytes} this module accepts.");
                    text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new MetaStudioException("NetworkError", MetaStudioErrorKind.Network,
                        $"MetaStudio {call.Operation}: the connection broke while reading the answer: {Flatten(ex)}. Try again.", ex);
                }
                catch (System.IO.IOException ex)
                {
                    throw new MetaStudioException("NetworkError", MetaStudioErrorKind.Network,
                        $"MetaStudio {call.Operation}: the connection broke while reading the answer: {ex.Message}. Try again.", ex);
                }

                var status = (int)response.StatusCode;
                log.Verbose($"{call.Operation}: HTTP {status} in {watch.ElapsedMilliseconds} ms" + (requestId != null ? $" (request id {requestId})" : ""));
                if (status >= 400 || status < 200)
                {
                    log.Debug($"{call.Operation} error body: {text}");
                    var error = ServiceErrorParser.FromRestResponse(call.Operation, status, requestId, text);
                    error.RetryAfter = RetryAfter(response);
                    throw error;
                }
                log.Debug($"{call.Operation} response body: {text}");
                if (typeof(T) == typeof(EmptyResponse) || string.IsNullOrWhiteSpace(text)) return null;
                try
                {
                    return JsonSerializer.Deserialize<T>(text, Json);
                }
                catch (JsonException ex)
                {
                    throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse,
                        $"MetaStudio {call.Operation} answered HTTP {status} with a body that is not the expected JSON ({ex.Message})" +
                        (requestId != null ? $" (request id {requestId})" : "") + ". Check that the endpoint is a MetaStudio endpoint.", ex);
                }
            }
        }

        /// <summary>Retry-After as a delay (seconds or an HTTP date), if the server sent one.</summary>
        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        internal static string? Header(HttpResponseMessage response, string name)
            => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        /// <summary>One line from an exception chain (HttpRequestException hides the socket error inside).</summary>
        internal static string Flatten(Exception ex)
        {
            var parts = new List<string>();
            for (var e = ex; e != null && parts.Count < 4; e = e.InnerException)
                if (!parts.Exists(p => p.IndexOf(e.Message, StringComparison.Ordinal) >= 0)) parts.Add(e.Message);
            return Redactor.Text(string.Join(" -> ", parts));
        }
    }

    /// <summary>One REST call: what the operation table of the reference says about it.</summary>
    internal sealed class ApiCall
    {
        public ApiCall(string operation, HttpMethod method, string path)
        {
            Operation = operation;
            Method = method;
            Path = path;
        }

        public string Operation { get; }
        public HttpMethod Method { get; }
        /// <summary>Below /v1/{project_id}/.</summary>
        public string Path { get; }
        public List<KeyValuePair<string, string?>> Query { get; } = new List<KeyValuePair<string, string?>>();
        public object? Body { get; set; }
        public string? AppUserId { get; set; }
        /// <summary>Safe to send again after a failure whose outcome is unknown. GETs are; creating a job is not.</summary>
        public bool Idempotent { get; set; } = true;
        public RetryPolicy? Retry { get; set; }
    }

    /// <summary>For operations whose success answer carries nothing (commit, delete).</summary>
    internal sealed class EmptyResponse { }
}
