using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Upload
{
    /// <summary>
    /// What a PACKAGE job uploads: a .zip as it is, or a zip built from a folder of .wav/.txt files
    /// or from a single long .wav. Built into a temp file (a known Content-Length and a body that can
    /// be resent), names at the zip root, stored uncompressed (PCM barely deflates).
    /// </summary>
    internal sealed class TrainingPackage
    {
        /// <summary>OBS takes at most 5 GB in one PUT; we read it as GiB and refuse more up front.</summary>
        public const long MaxUploadBytes = 5L * 1024 * 1024 * 1024;

        private static readonly string[] DataExtensions = { ".wav", ".txt" };

        private TrainingPackage(string sourcePath, string? zipPath, IReadOnlyList<FileInfo> entries, IReadOnlyList<string> skipped)
        {
            SourcePath = sourcePath;
            ExistingZip = zipPath;
            Entries = entries;
            Skipped = skipped;
        }

        public string SourcePath { get; }
        /// <summary>The user's own zip, uploaded as it is; null when we build one.</summary>
        public string? ExistingZip { get; }
        /// <summary>The files that go into a zip we build.</summary>
        public IReadOnlyList<FileInfo> Entries { get; }
        /// <summary>Files in the folder that are not training data and stay out of the zip.</summary>
        public IReadOnlyList<string> Skipped { get; }
        public bool NeedsZip => ExistingZip == null;
        public long SourceBytes => ExistingZip != null ? new FileInfo(ExistingZip).Length : Entries.Sum(e => e.Length);

        /// <summary>Looks at a user's -Path and decides what to upload, or says precisely why not.</summary>
        public static TrainingPackage Resolve(string path)
        {
            if (Directory.Exists(path))
            {
                var files = new DirectoryInfo(path).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
                var data = files.Where(f => DataExtensions.Contains(f.Extension.ToLowerInvariant())).ToList();
                var skipped = files.Except(data).Select(f => f.Name).ToList();
                skipped.AddRange(new DirectoryInfo(path).GetDirectories().Select(d => d.Name + Path.DirectorySeparatorChar));
                if (!data.Any(f => f.Extension.Equals(".wav", StringComparison.OrdinalIgnoreCase)))
                    throw new MetaStudioException("NoTrainingAudio", MetaStudioErrorKind.InvalidArgument,
                        $"The folder {path} holds no .wav files at its top level. Put the training audio (and for Basic/Advanced the matching .txt transcripts) directly in the folder, or pass a .zip.");
                return CheckSize(new TrainingPackage(path, null, data, skipped));
            }
            if (!File.Exists(path))
                throw new MetaStudioException("TrainingDataNotFound", MetaStudioErrorKind.NotFound,
                    $"The training data {path} does not exist. Pass -Path with a .zip, a folder of .wav/.txt files or a .wav file.");

            var info = new FileInfo(path);
            switch (info.Extension.ToLowerInvariant())
            {
                case ".zip":
                    if (!LooksLikeZip(info))
                        throw new MetaStudioException("TrainingDataNotZip", MetaStudioErrorKind.InvalidArgument,
                            $"{path} is named .zip but is not a zip archive. Create it again with Compress-Archive or pass the folder instead.");
                    return CheckSize(new TrainingPackage(path, path, Array.Empty<FileInfo>(), Array.Empty<string>()));
                case ".wav":
                    return CheckSize(new TrainingPackage(path, null, new[] { info }, Array.Empty<string>()));
                default:
                    throw new MetaStudioException("TrainingDataWrongType", MetaStudioErrorKind.InvalidArgument,
                        $"{path} is a '{info.Extension}' file; MetaStudio takes training data as a .zip, a folder of .wav/.txt files or a single .wav.");
            }
        }

        private static TrainingPackage CheckSize(TrainingPackage package)
        {
            var bytes = package.SourceBytes;
            if (bytes > MaxUploadBytes)
                throw TooLarge(package.SourcePath, bytes);
            return package;
        }

        internal static MetaStudioException TooLarge(string path, long bytes)
            => new MetaStudioException("TrainingDataTooLarge", MetaStudioErrorKind.LimitsExceeded,
                $"The training data {path} is {bytes / (1024.0 * 1024 * 1024):0.##} GiB; one upload takes at most 5 GiB. Shorten or split the recording.");

        private static bool LooksLikeZip(FileInfo file)
        {
            if (file.Length < 22) return false;
            using var stream = file.OpenRead();
            var magic = new byte[4];
            var read = stream.Read(magic, 0, 4);
            return read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' &&
                   ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
        }

        /// <summary>Writes the zip; reports source bytes copied. Deletes a partial file on failure.</summary>
        public async Task WriteZipAsync(string zipPath, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            var buffer = new byte[FileUploadContent.CopyBufferSize];
            try
            {
                using var output = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: false);
                foreach (var file in Entries)
                {
                    var entry = zip.CreateEntry(file.Name, CompressionLevel.NoCompression);
                    entry.LastWriteTime = file.LastWriteTime;
                    using var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    using var target = entry.Open();
                    int read;
                    while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                        onBytes?.Invoke(read);
                    }
                }
            }
            catch
            {
                TryDelete(zipPath);
                throw;
            }
        }

        internal static void TryDelete(string path)
        {
            try { File.Delete(path); }
            catch (IOException) { /* best effort: the temp folder is ours and cleaned on the next run */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
