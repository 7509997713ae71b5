using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.Voice.Model
{
    /// <summary>What Test-VoiceTrainingData found: the files with their audio facts, and every problem with how to fix it.</summary>
    public sealed class VoiceTrainingDataReport
    {
        internal VoiceTrainingDataReport() { }

        public string Path { get; internal set; } = "";
        public string Edition { get; internal set; } = "";
        public string CreateType { get; internal set; } = "";
        /// <summary>No problem of severity Error.</summary>
        public bool IsValid => ErrorCount == 0;
        public int ErrorCount => Problems.Count(p => p.Severity == VoiceTrainingDataSeverity.Error);
        public int WarningCount => Problems.Count(p => p.Severity == VoiceTrainingDataSeverity.Warning);
        /// <summary>Audio in the dataset, summed over readable WAV files.</summary>
        public TimeSpan TotalDuration { get; internal set; }
        /// <summary>Where the duration limits came from: defaults, or tenant (GET tenant-duration-cfg).</summary>
        public string LimitsSource { get; internal set; } = "defaults";
        public IReadOnlyList<VoiceTrainingDataFile> Files { get; internal set; } = Array.Empty<VoiceTrainingDataFile>();
        public IReadOnlyList<VoiceTrainingDataProblem> Problems { get; internal set; } = Array.Empty<VoiceTrainingDataProblem>();
        /// <summary>The service's own quality assessment (-Online), when asked for.</summary>
        public VoiceAssessment? Assessment { get; internal set; }

        /// <summary>Adds the service's assessment; each measure out of range becomes a warning on the assessed file.</summary>
        internal void AddAssessment(VoiceAssessment assessment)
        {
            Assessment = assessment;
            Problems = Problems.Concat(assessment.Items.Where(i => !i.InRange).Select(i =>
                new VoiceTrainingDataProblem("Assess." + i.Measure, VoiceTrainingDataSeverity.Warning, assessment.File,
                    $"The service rates {i.Measure} at {i.Actual} (expected {i.Expected}). {i.Suggestion}".Trim()))).ToList();
        }

        public override string ToString() => IsValid
            ? $"{Path}: valid for {Edition} ({Files.Count} files, {TotalDuration:hh\\:mm\\:ss}, {WarningCount} warning(s))"
            : $"{Path}: {ErrorCount} error(s), {WarningCount} warning(s) for {Edition}";
    }

    public enum VoiceTrainingDataSeverity
    {
        Warning,
        Error,
    }

    public sealed class VoiceTrainingDataProblem
    {
        internal VoiceTrainingDataProblem(string code, VoiceTrainingDataSeverity severity, string? file, string message)
        {
            Code = code;
            Severity = severity;
            File = file;
            Message = message;
        }

        /// <summary>A stable code, e.g. MissingTranscript, SampleRateTooLow, ClipTooLong, WavDataSizeClamped.</summary>
        public string Code { get; }
        public VoiceTrainingDataSeverity Severity { get; }
        /// <summary>The file the problem is about (relative to the dataset), or null for the dataset as a whole.</summary>
        public string? File { get; }
        /// <summary>What is wrong and how to fix it.</summary>
        public string Message { get; }

        public override string ToString() => $"{Severity} {Code}" + (File != null ? $" [{File}]" : "") + $": {Message}";
    }

    public enum VoiceTrainingDataFileKind
    {
        Audio,
        Transcript,
        Other,
    }

    /// <summary>One file of a dataset and what its header says.</summary>
    public sealed class VoiceTrainingDataFile
    {
        internal VoiceTrainingDataFile() { }

        public string Name { get; internal set; } = "";
        public VoiceTrainingDataFileKind Kind { get; internal set; }
        public long Size { get; internal set; }
        /// <summary>The sentence index for Basic/Advanced pairs (3 for 3.wav/3.txt), else null.</summary>
        public int? Index { get; internal set; }
        public TimeSpan? Duration { get; internal set; }
        public string? Format { get; internal set; }
        public int? SampleRate { get; internal set; }
        public int? Channels { get; internal set; }
        public int? BitsPerSample { get; internal set; }
        /// <summary>A transcript's text (first 200 characters).</summary>
        public string? Text { get; internal set; }

        public override string ToString() => Kind == VoiceTrainingDataFileKind.Audio
            ? $"{Name} ({Duration:mm\\:ss\\.f}, {SampleRate} Hz, {Channels} ch, {BitsPerSample}-bit {Format})"
            : Name;
    }

    /// <summary>The service's quality assessment of a sample (assess_result of a VOICE_ASSESS job).</summary>
    public sealed class VoiceAssessment
    {
        internal VoiceAssessment() { }

        public string? JobId { get; internal set; }
        /// <summary>The recording the sample was cut from.</summary>
        public string? File { get; internal set; }
        public IReadOnlyList<VoiceAssessmentItem> Items { get; internal set; } = Array.Empty<VoiceAssessmentItem>();
        public string? Suggestion { get; internal set; }

        public override string ToString() => string.Join("; ", Items.Select(i => i.ToString())) + (Suggestion != null ? $" ({Suggestion})" : "");
    }

    /// <summary>One measure of the assessment (speed, sound, snr, reverb, dnsmos_ovrl, dnsmos_bak).</summary>
    public sealed class VoiceAssessmentItem
    {
        internal VoiceAssessmentItem() { }

        public string Measure { get; internal set; } = "";
        public string? Expected { get; internal set; }
        public string? Actual { get; internal set; }
        public string? Suggestion { get; internal set; }
        /// <summary>The service's status: 0 in range, otherwise out of range.</summary>
        public int? Status { get; internal set; }
        public bool InRange => Status.GetValueOrDefault() == 0;

        public override string ToString() => $"{Measure}: {Actual} (expected {Expected})";
    }
}
