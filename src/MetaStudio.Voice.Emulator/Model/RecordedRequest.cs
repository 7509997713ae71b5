namespace MetaStudio.Voice.Emulator;

/// <summary>
/// One request the emulator answered. <paramref name="Path"/> has no query; <paramref name="QueryString"/> starts with
/// '?' or is empty; <paramref name="Headers"/> is case-insensitive (repeated headers joined with ", ");
/// <paramref name="Body"/> is the request body text of REST calls (null when the request had no body) and always null
/// for OBS uploads; <paramref name="StatusCode"/> is what the emulator answered.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    int StatusCode);
