namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Where a job's uploads live in the emulated OBS bucket and which Content-Type each upload URL is signed for.
/// </summary>
internal static class UploadLayout
{
    public const string Bucket = "metastudio-voice-training";
    public const string ZipContentType = "application/zip";
    public const string AudioContentType = "audio/wav";
    public const string TextContentType = "text/plain";
    private const string LetterName = "authorization-letter";

    public static string PackageKey(string projectId, string jobId) => $"{projectId}/{jobId}/data.zip";
    public static string SegmentAudioKey(string projectId, string jobId, int index) => $"{projectId}/{jobId}/segments/{index}.wav";
    public static string SegmentTextKey(string projectId, string jobId, int index) => $"{projectId}/{jobId}/segments/{index}.txt";
    public static string LetterKey(string projectId, string jobId) => $"{projectId}/{jobId}/{LetterName}";

    /// <summary>
    /// The Content-Type a URL for <paramref name="key"/> is signed for, or null when any Content-Type is accepted.
    /// ASSUMPTION: the reference does not document the authorization letter's type, so its URL is signed with an
    /// empty Content-Type field and verified against an empty field whatever the client sends.
    /// </summary>
    public static string? SignedContentType(string key)
    {
        if (key.EndsWith("/" + LetterName, StringComparison.Ordinal)) return null;
        if (key.EndsWith(".zip", StringComparison.Ordinal)) return ZipContentType;
        if (key.EndsWith(".wav", StringComparison.Ordinal)) return AudioContentType;
        if (key.EndsWith(".txt", StringComparison.Ordinal)) return TextContentType;
        return "";
    }
}
