using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Upload
{
    /// <summary>
    /// Uploads a PACKAGE job's data: builds the zip when needed (temp file, always removed, also on
    /// Ctrl+C), then PUTs it to the job's presigned URL as application/zip.
    /// </summary>
    internal sealed class TrainingDataUploader
    {
        internal const string ZipContentType = "application/zip";
        private readonly ObjectUploader _uploader;

        public TrainingDataUploader(ObjectUploader uploader) => _uploader = uploader;

        /// <summary>Where temp zips go: a folder of ours under the user's temp directory.</summary>
        internal static string TempDirectory => Path.Combine(Path.GetTempPath(), "MetaStudio.Voice");

        public async Task<UploadResult> UploadPackageAsync(TrainingPackage package, Uri url, TransferProgress progress,
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
                return await _uploader.PutFileAsync(url, file, ZipContentType, progress.Add, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (tempZip != null) TrainingPackage.TryDelete(tempZip);
            }
        }

        public Task<UploadResult> UploadAuthorizationLetterAsync(string path, Uri url, TransferProgress progress,
            IOperationLog log, CancellationToken cancellationToken)
        {
            progress.Begin("Uploading authorization letter", new FileInfo(path).Length);
            return _uploader.PutFileAsync(url, path, ObjectUploader.ContentTypeForLetter(path), progress.Add, log, cancellationToken);
        }
    }
}
