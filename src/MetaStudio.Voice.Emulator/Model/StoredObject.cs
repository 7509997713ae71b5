namespace MetaStudio.Voice.Emulator;

/// <summary>A completed upload. <paramref name="FilePath"/> is null in DiscardUploads mode.</summary>
public sealed record StoredObject(string Bucket, string Key, long Size, string Md5Hex, string ContentType, string? FilePath)
{
    /// <summary>When the upload completed (the emulator's clock).</summary>
    public DateTimeOffset LastModified { get; init; }
}
