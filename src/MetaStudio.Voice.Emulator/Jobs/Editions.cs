namespace MetaStudio.Voice.Emulator;

/// <summary>The four create routes and what each edition allows (reference §1.2, §6.1).</summary>
internal static class Editions
{
    /// <summary>Route segment ("basic" in basic-jobs) -> job_type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByRoute = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["basic"] = "BASIC",
        ["middle"] = "MIDDLE",
        ["advance"] = "ADVANCE",
        ["third-party"] = "THIRD_PARTY",
    };

    public static bool SupportsSegment(string jobType) => jobType is "BASIC" or "MIDDLE";

    /// <summary>Sentences of a SEGMENT job: 20 for BASIC, 100 for MIDDLE.</summary>
    public static int SegmentCount(string jobType) => jobType switch
    {
        "BASIC" => 20,
        "MIDDLE" => 100,
        _ => 0,
    };
}
