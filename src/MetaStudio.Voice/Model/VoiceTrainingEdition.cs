using System;

namespace MetaStudio.Voice.Model
{
    /// <summary>
    /// The edition of a voice training job, in the names of the English console. The API names them
    /// differently (Premium = ADVANCE, Advanced = MIDDLE), which is the trap this enum hides.
    /// </summary>
    public enum VoiceTrainingEdition
    {
        /// <summary>Premium Edition: one long WAV in a zip (API: advance-jobs, job_type ADVANCE).</summary>
        Premium,
        /// <summary>Basic Edition: 20 sentence pairs (API: basic-jobs, job_type BASIC).</summary>
        Basic,
        /// <summary>Advanced Edition: 100 sentence pairs (API: middle-jobs, job_type MIDDLE).</summary>
        Advanced,
        /// <summary>Third-party voice training: one long WAV in a zip (API: third-party-jobs).</summary>
        ThirdParty,
    }

    /// <summary>How a job's training data reaches the service.</summary>
    public enum VoiceTrainingCreateType
    {
        /// <summary>One zip file with all data (create_type PACKAGE).</summary>
        Package,
        /// <summary>Sentence by sentence (create_type SEGMENT); Basic and Advanced editions only.</summary>
        Segment,
    }

    internal static class EditionInfo
    {
        /// <summary>The path segment of the Create* operation for the edition.</summary>
        public static string CreatePath(VoiceTrainingEdition edition) => edition switch
        {
            VoiceTrainingEdition.Premium => "advance-jobs",
            VoiceTrainingEdition.Basic => "basic-jobs",
            VoiceTrainingEdition.Advanced => "middle-jobs",
            VoiceTrainingEdition.ThirdParty => "third-party-jobs",
            _ => throw new ArgumentOutOfRangeException(nameof(edition)),
        };

        public static string JobType(VoiceTrainingEdition edition) => edition switch
        {
            VoiceTrainingEdition.Premium => "ADVANCE",
            VoiceTrainingEdition.Basic => "BASIC",
            VoiceTrainingEdition.Advanced => "MIDDLE",
            VoiceTrainingEdition.ThirdParty => "THIRD_PARTY",
            _ => throw new ArgumentOutOfRangeException(nameof(edition)),
        };

        /// <summary>The edition name for a service job_type; unknown types pass through unchanged.</summary>
        public static string? EditionName(string? jobType) => jobType switch
        {
            null => null,
            "ADVANCE" => nameof(VoiceTrainingEdition.Premium),
            "BASIC" => nameof(VoiceTrainingEdition.Basic),
            "MIDDLE" => nameof(VoiceTrainingEdition.Advanced),
            "THIRD_PARTY" => nameof(VoiceTrainingEdition.ThirdParty),
            _ => jobType,
        };

        /// <summary>job_type for a user's -Edition: an edition name, or the service's own value passed through.</summary>
        public static string JobTypeFor(string edition)
            => Enum.TryParse<VoiceTrainingEdition>(edition, ignoreCase: true, out var e) && Enum.IsDefined(typeof(VoiceTrainingEdition), e)
                ? JobType(e)
                : edition.ToUpperInvariant();

        public static bool SupportsSegments(VoiceTrainingEdition edition)
            => edition == VoiceTrainingEdition.Basic || edition == VoiceTrainingEdition.Advanced;

        public static string CreateTypeValue(VoiceTrainingCreateType type)
            => type == VoiceTrainingCreateType.Segment ? "SEGMENT" : "PACKAGE";
    }
}
