namespace MetaStudio.Voice.Emulator;

/// <summary>Fresh presigned upload URLs for a job, valid for <see cref="EmulatorOptions.UploadUrlLifetime"/>.</summary>
internal sealed class UploadUrlFactory(ObsSigner signer, Func<Uri> baseUri, EmulatorOptions options)
{
    public sealed record JobUrls(string? Package, IReadOnlyList<string>? Audio, IReadOnlyList<string>? Text, string Letter);

    public JobUrls For(EmulatorJob job)
    {
        var expires = options.TimeProvider.GetUtcNow() + options.UploadUrlLifetime;
        string Url(string key) =>
            signer.CreatePutUrl(baseUri(), UploadLayout.Bucket, key, UploadLayout.SignedContentType(key) ?? "", expires).AbsoluteUri;

        var letter = Url(UploadLayout.LetterKey(job.ProjectId, job.JobId));
        if (job.CreateType == "SEGMENT")
        {
            var audio = Enumerable.Range(0, job.SegmentCount).Select(i => Url(UploadLayout.SegmentAudioKey(job.ProjectId, job.JobId, i))).ToList();
            var text = Enumerable.Range(0, job.SegmentCount).Select(i => Url(UploadLayout.SegmentTextKey(job.ProjectId, job.JobId, i))).ToList();
            return new JobUrls(null, audio, text, letter);
        }
        return new JobUrls(Url(UploadLayout.PackageKey(job.ProjectId, job.JobId)), null, null, letter);
    }

    /// <summary>The object's address without any signature (for training_input_source_url / voice_authorization_url).</summary>
    public string PlainUrl(string key) => new Uri(baseUri(), "obs/" + UploadLayout.Bucket + "/" + key).AbsoluteUri;
}
