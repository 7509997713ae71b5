using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Upload
{
    /// <summary>
    /// Uploads a job's training data: a PACKAGE as one zip (built in a temp file when needed, always
    /// removed, also on Ctrl+C) or SEGMENT sentences i.wav/i.txt in parallel with a confirm per
    /// sentence, skipping sentences already confirmed. An expired URL is replaced by a fresh one from
    /// the service and the upload tried once more — never a stale URL twice.
    /// </summary>
    internal sealed class TrainingDataUploader
    {
        internal const string ZipContentType = "application/zip";
        internal const string AudioContentType = "audio/wav";
        internal const string TextContentType = "text/plain";
        private readonly ObjectUploader _uploader;
        private readonly RetryPolicy _retry;

        public TrainingDataUploader(ObjectUploader uploader, RetryPolicy retry)
        {
            _uploader = uploader;
            _retry = retry;
        }

        /// <summary>Where temp zips go: a folder of ours under the user's temp directory.</summary>
        internal static string TempDirectory => Path.Combine(Path.GetTempPath(), "MetaStudio.Voice");

        public async Task<UploadResult> UploadPackageAsync(TrainingPackage package, UploadTargetSource targets, TransferProgress progress,
            IOperationLog log, CancellationToken cancellationToken)
        {
            string? tempZip = null;
            try
            {
                var file = package.ExistingZip;
                if (file == null)
                {
                    Directory.CreateDirectory(TempDirectory);
                    tempZip = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N") + ".zip");
                    log.Verbose($"Packing {package.Entries.Count} file(s) from {package.SourcePath} into a temporary zip");
                    progress.Begin("Packing", package.SourceBytes);
                    await package.WriteZipAsync(tempZip, progress.Add, cancellationToken).ConfigureAwait(false);
                    var zipBytes = new FileInfo(tempZip).Length;
                    if (zipBytes > TrainingPackage.MaxUploadBytes) throw TrainingPackage.TooLarge(package.SourcePath, zipBytes);
                    file = tempZip;
                }
                progress.Begin("Uploading", new FileInfo(file).Length);
                progress.SetFiles(1);
                progress.Current = Path.GetFileName(package.SourcePath);
                var result = await PutWithFreshUrlAsync(t => t.TrainingData, "the training data package", targets, file, ZipContentType,
                    progress, log, cancellationToken).ConfigureAwait(false);
                progress.FileDone();
                return result;
            }
            finally
            {
                if (tempZip != null) TrainingPackage.TryDelete(tempZip);
            }
        }

        public Task<UploadResult> UploadAuthorizationLetterAsync(string path, UploadTargetSource targets, TransferProgress progress,
            IOperationLog log, CancellationToken cancellationToken)
        {
            progress.Current = Path.GetFileName(path);
            return PutWithFreshUrlAsync(t => t.AuthorizationLetter, "the authorization letter", targets, path,
                ObjectUploader.ContentTypeForLetter(path), progress, log, cancellationToken);
        }

        /// <summary>
        /// Sentence by sentence: i.wav as audio/wav and i.txt as text/plain to their URLs, then
        /// ConfirmTrainingSegment(i), with <paramref name="throttleLimit"/> sentences in flight.
        /// Sentences the service has already confirmed are skipped, so a re-run sends only what is missing.
        /// </summary>
        public async Task<SegmentUploadResult> UploadSegmentsAsync(string jobId, IReadOnlyList<SegmentFiles> segments, UploadTargetSource targets,
            VoiceTrainingApi api, int throttleLimit, TransferProgress progress, IOperationLog log, CancellationToken cancellationToken)
        {
            var confirmed = new HashSet<int>((await api.ShowTrainingSegmentInfoAsync(jobId, log, cancellationToken).ConfigureAwait(false)).ConfirmedIndex ?? new List<int>());
            var todo = segments.Where(s => !confirmed.Contains(s.Index)).ToList();
            var result = new SegmentUploadResult { Skipped = segments.Where(s => confirmed.Contains(s.Index)).Select(s => s.Index).ToList() };
            if (result.Skipped.Count > 0) log.Verbose($"{result.Skipped.Count} sentence(s) are already confirmed and are skipped.");
            progress.Begin("Uploading", todo.Sum(s => new FileInfo(s.Audio).Length + new FileInfo(s.Text).Length));
            progress.SetFiles(todo.Count * 2);

            var queue = new ConcurrentQueue<SegmentFiles>(todo);
            var unmatched = new ConcurrentBag<int>();
            var uploaded = new ConcurrentBag<int>();
            var failures = new ConcurrentBag<(int, Exception)>();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            async Task Worker()
            {
                while (queue.TryDequeue(out var s))
                {
                    linked.Token.ThrowIfCancellationRequested();
                    try
                    {
                        // The pair travels at once: one round trip instead of two before the confirm.
                        progress.Current = $"{s.Index}.wav, {s.Index}.txt";
                        await Task.WhenAll(
                            PutWithFreshUrlAsync(t => At(t.SegmentAudio, s.Index), $"sentence {s.Index} audio", targets, s.Audio, AudioContentType, progress, log, linked.Token),
                            PutWithFreshUrlAsync(t => At(t.SegmentText, s.Index), $"sentence {s.Index} transcript", targets, s.Text, TextContentType, progress, log, linked.Token)).ConfigureAwait(false);
                        progress.FileDone();
                        progress.FileDone();
                        var confirm = await api.ConfirmTrainingSegmentAsync(jobId, s.Index, log, linked.Token).ConfigureAwait(false);
                        if (confirm.ConfirmResult == false || (confirm.UnmatchedIndexHit?.Contains(s.Index) ?? false)) unmatched.Add(s.Index);
                        uploaded.Add(s.Index);
                    }
                    catch (OperationCanceledException) when (linked.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        failures.Add((s.Index, ex));
                        log.Verbose($"Sentence {s.Index} failed: {ex.Message}");
                    }
                }
            }

            var workers = Enumerable.Range(0, Math.Max(1, Math.Min(throttleLimit, todo.Count))).Select(_ => Task.Run(Worker, linked.Token)).ToList();
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch
            {
                linked.Cancel();
                throw;
            }
            result.Uploaded = uploaded.OrderBy(i => i).ToList();
            result.Unmatched = unmatched.OrderBy(i => i).ToList();
            result.Failures = failures.OrderBy(f => f.Item1).ToList();
            return result;
        }

        private static Uri? At(IReadOnlyList<Uri?> list, int index) => index < list.Count ? list[index] : null;

        /// <summary>
        /// One file to its URL: transient failures are retried by the policy (the file is reopened and
        /// sent whole again, the progress counter rewound); an expired URL is replaced once by a fresh one.
        /// </summary>
        private async Task<UploadResult> PutWithFreshUrlAsync(Func<UploadTargets, Uri?> pick, string what, UploadTargetSource targets,
            string file, string contentType, TransferProgress progress, IOperationLog log, CancellationToken ct)
        {
            var current = await targets.GetAsync(ct).ConfigureAwait(false);
            var refreshed = false;
            long sent = 0;
            void Count(long n) { Interlocked.Add(ref sent, n); progress.Add(n); }
            void Rewind() => progress.Add(-Interlocked.Exchange(ref sent, 0)); // a retry resends the whole body

            async Task<UploadResult> Attempt()
            {
                var url = pick(current) ?? throw NoUrl(what);
                try
                {
                    return await _uploader.PutFileAsync(url, file, contentType, Count, log, ct).ConfigureAwait(false);
                }
                catch (ObjectStorageException ex) when (UploadUrls.IsExpired(ex) && !refreshed)
                {
                    // An expired URL is replaced once by a fresh one; that is not a retry of the same request.
                    Rewind();
                    refreshed = true;
                    log.Verbose($"The upload URL for {what} has expired; asking the service for fresh ones.");
                    current = await targets.RefreshAsync(current, ct).ConfigureAwait(false);
                    return await _uploader.PutFileAsync(pick(current) ?? throw NoUrl(what), file, contentType, Count, log, ct).ConfigureAwait(false);
                }
            }

            return await _retry.RunAsync($"Uploading {what}", Attempt, _ => true, Rewind, log, ct).ConfigureAwait(false);
        }

        private static MetaStudioException NoUrl(string what)
            => new MetaStudioException("NoUploadUrl", MetaStudioErrorKind.InvalidOperation,
                $"MetaStudio gave no upload URL for {what}. Data can be uploaded while a job is CREATING or AUDIT_FAILED; check the job with Get-VoiceTrainingJob.");
    }

    /// <summary>A sentence of a SEGMENT job: i.wav and i.txt.</summary>
    internal sealed class SegmentFiles
    {
        public SegmentFiles(int index, string audio, string text)
        {
            Index = index;
            Audio = audio;
            Text = text;
        }

        public int Index { get; }
        public string Audio { get; }
        public string Text { get; }

        /// <summary>The pairs 0.wav/0.txt, 1.wav/1.txt, ... of a folder, up to the first gap.</summary>
        public static List<SegmentFiles> FromFolder(string folder, string jobId)
        {
            if (!Directory.Exists(folder))
                throw new MetaStudioException("SegmentDataNotFolder", MetaStudioErrorKind.InvalidArgument,
                    $"Job {jobId} takes its data sentence by sentence: pass a folder holding 0.wav/0.txt, 1.wav/1.txt, ... (not {folder}).");
            var segments = new List<SegmentFiles>();
            for (var i = 0; ; i++)
            {
                var wav = Path.Combine(folder, i + ".wav");
                var txt = Path.Combine(folder, i + ".txt");
                if (!File.Exists(wav) || !File.Exists(txt)) break;
                segments.Add(new SegmentFiles(i, wav, txt));
            }
            if (segments.Count == 0)
                throw new MetaStudioException("NoSegments", MetaStudioErrorKind.InvalidArgument,
                    $"{folder} holds no sentence pairs 0.wav/0.txt, 1.wav/1.txt, ... . Run Test-VoiceTrainingData on it for details.");
            return segments;
        }
    }

    internal sealed class SegmentUploadResult
    {
        public IReadOnlyList<int> Uploaded { get; set; } = Array.Empty<int>();
        public IReadOnlyList<int> Skipped { get; set; } = Array.Empty<int>();
        public IReadOnlyList<int> Unmatched { get; set; } = Array.Empty<int>();
        public IReadOnlyList<(int Index, Exception Error)> Failures { get; set; } = Array.Empty<(int, Exception)>();
    }

    /// <summary>
    /// A job's upload URLs, fetched again from the service when they expire. Shared by parallel
    /// uploads: the first to see an expired URL refreshes, the others use what it got.
    /// </summary>
    internal sealed class UploadTargetSource
    {
        private readonly Func<CancellationToken, Task<UploadTargets>> _fetch;
        private readonly SemaphoreSlim _lock = new SemaphoreSlim(1, 1);
        private UploadTargets? _current;

        public UploadTargetSource(UploadTargets? initial, Func<CancellationToken, Task<UploadTargets>> fetch)
        {
            _current = initial;
            _fetch = fetch;
        }

        public int Refreshes { get; private set; }

        public async Task<UploadTargets> GetAsync(CancellationToken ct)
        {
            var current = _current;
            if (current != null) return current;
            await _lock.WaitAsync(ct).ConfigureAwait(false);
            try { return _current ??= await _fetch(ct).ConfigureAwait(false); }
            finally { _lock.Release(); }
        }

        /// <summary>Fresh URLs, unless another upload already replaced <paramref name="stale"/>.</summary>
        public async Task<UploadTargets> RefreshAsync(UploadTargets stale, CancellationToken ct)
        {
            await _lock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_current != null && !ReferenceEquals(_current, stale)) return _current;
                _current = await _fetch(ct).ConfigureAwait(false);
                Refreshes++;
                return _current;
            }
            finally { _lock.Release(); }
        }

        public UploadTargets? Current => _current;
    }
}
