using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Upload
{
    /// <summary>
    /// One PUT of a file to a presigned OBS URL: streamed, with Content-Length and exactly the
    /// Content-Type the URL was signed for, no credentials of ours, OBS XML errors mapped.
    /// </summary>
    internal sealed class ObjectUploader
    {
        // Large bodies ask first, so a refused URL costs a round trip instead of gigabytes.
        private const long ExpectContinueThreshold = 8L * 1024 * 1024;
        private const int MaxErrorBody = 64 * 1024;
        private readonly HttpClient _http;

        /// <summary>
        /// An attempt that moves no bytes for this long is aborted (and may be retried). There is no
        /// overall timeout: a 5 GiB upload on a slow link may take hours, and that is fine while it moves.
        /// </summary>
        public TimeSpan StallTimeout { get; }

        public ObjectUploader(HttpClient storageClient, TimeSpan? stallTimeout = null)
        {
            _http = storageClient;
            StallTimeout = stallTimeout ?? TimeSpan.FromSeconds(60);
        }

        public async Task<UploadResult> PutFileAsync(Uri url, string filePath, string contentType,
            Action<long>? onBytes, IOperationLog log, CancellationToken cancellationToken)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var lastProgress = Stopwatch.GetTimestamp();
            void Progressed(long n)
            {
                Interlocked.Exchange(ref lastProgress, Stopwatch.GetTimestamp());
                onBytes?.Invoke(n);
            }
            var check = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(TimeSpan.FromSeconds(1).Ticks, StallTimeout.Ticks / 4)));
            using var watchdog = new Timer(_ =>
            {
                var idle = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - Interlocked.Read(ref lastProgress)) / (double)Stopwatch.Frequency);
                if (idle > StallTimeout) { try { attempt.Cancel(); } catch (ObjectDisposedException) { } }
            }, null, check, check);
            try
            {
                return await PutOnceAsync(url, filePath, contentType, Progressed, log, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
            {
                throw new MetaStudioException("UploadStalled", MetaStudioErrorKind.Timeout,
                    $"The upload to {url.Host} stalled: no bytes moved for {StallTimeout.TotalSeconds:0} s. Check the network; Send-VoiceTrainingData retries a stalled upload by itself.", ex);
            }
        }

        private async Task<UploadResult> PutOnceAsync(Uri url, string filePath, string contentType,
            Action<long> onBytes, IOperationLog log, CancellationToken cancellationToken)
        {
            var length = new FileInfo(filePath).Length;
            using var request = new HttpRequestMessage(HttpMethod.Put, url);
            request.Content = new FileUploadContent(filePath, length, onBytes, cancellationToken);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            request.Headers.ExpectContinue = length > ExpectContinueThreshold;
            log.Verbose($"Uploading {length} bytes ({contentType}) to {Redactor.Url(url)}");

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
            catch (Exception ex) when (FindSourceFailure(ex) is SourceReadException source)
            {
                throw new MetaStudioException("TrainingDataReadError", MetaStudioErrorKind.ReadError,
                    source.Message + ". Make sure the file is readable and no other program is changing it.", source);
            }
            catch (IOException ex)
            {
                throw new MetaStudioException("UploadNetworkError", MetaStudioErrorKind.Network,
                    $"The upload to {url.Host} was cut off: {MetaStudioClient.Flatten(ex)}. Check the network and the proxy, then run Send-VoiceTrainingData again.", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new MetaStudioException("UploadNetworkError", MetaStudioErrorKind.Network,
                    $"The upload to {url.Host} failed: {MetaStudioClient.Flatten(ex)}. Check the network and the proxy, then run Send-VoiceTrainingData again.", ex);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var requestId = MetaStudioClient.Header(response, "x-obs-request-id") ?? MetaStudioClient.Header(response, "X-Request-Id");
                log.Verbose($"Upload answered HTTP {status} after {watch.ElapsedMilliseconds} ms" + (requestId != null ? $" (request id {requestId})" : ""));
                if (status >= 200 && status < 300)
                    return new UploadResult(length, response.Headers.ETag?.Tag?.Trim('"'), watch.Elapsed);

                var body = await ReadCappedAsync(response).ConfigureAwait(false);
                log.Debug($"Upload error body: {body}");
                var error = ServiceErrorParser.FromStorageResponse(status,
                    MetaStudioClient.Header(response, "x-obs-error-code"),
                    MetaStudioClient.Header(response, "x-obs-error-message"), requestId, body);
                error.RetryAfter = MetaStudioClient.RetryAfter(response);
                throw error;
            }
        }

        private static SourceReadException? FindSourceFailure(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e is SourceReadException s) return s;
            return null;
        }

        private static async Task<string> ReadCappedAsync(HttpResponseMessage response)
        {
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var buffer = new byte[MaxErrorBody];
                int total = 0, read;
                while (total < buffer.Length && (read = await stream.ReadAsync(buffer, total, buffer.Length - total).ConfigureAwait(false)) > 0)
                    total += read;
                return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return "";
            }
        }

        /// <summary>Content type for an authorization letter; the API does not document one.</summary>
        public static string ContentTypeForLetter(string path)
        {
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".pdf": return "application/pdf";
                case ".jpg": case ".jpeg": return "image/jpeg";
                case ".png": return "image/png";
                default: return "application/octet-stream";
            }
        }
    }

    internal sealed class UploadResult
    {
        public UploadResult(long bytes, string? etag, TimeSpan elapsed)
        {
            Bytes = bytes;
            ETag = etag;
            Elapsed = elapsed;
        }

        public long Bytes { get; }
        public string? ETag { get; }
        public TimeSpan Elapsed { get; }
    }
}
