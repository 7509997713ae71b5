using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.Voice.Data
{
    /// <summary>
    /// What the header of one WAV file says, as read by <see cref="WavReader"/>: format, sizes, chunk
    /// list and every problem found (with a stable code and a hint how to fix it). Reading never
    /// touches the audio samples, so it costs the same for a 1 MiB and a 4 GiB file.
    /// </summary>
    public sealed class WavInfo
    {
        internal WavInfo() { }

        /// <summary>The file name or path the caller gave.</summary>
        public string Name { get; internal set; } = "";
        /// <summary>Length of the file (or stream) in bytes.</summary>
        public long FileSize { get; internal set; }
        /// <summary>The container magic: RIFF, RF64, BW64; for non-WAV files what was recognised (RIFX, FORM, ID3, MPEG, OggS, fLaC, ...); empty when unknown.</summary>
        public string Container { get; internal set; } = "";
        /// <summary>True when the file is a RIFF/RF64/BW64 container of form WAVE (it may still have errors).</summary>
        public bool IsWav { get; internal set; }
        /// <summary>PCM, IEEE_FLOAT, ALAW, MULAW, EXTENSIBLE/PCM, EXTENSIBLE/IEEE_FLOAT, ...; null when no fmt chunk was read.</summary>
        public string? FormatName { get; internal set; }
        /// <summary>wFormatTag as stored (0xFFFE = 65534 for WAVE_FORMAT_EXTENSIBLE).</summary>
        public int FormatTag { get; internal set; }
        /// <summary>The format that counts: the SubFormat's tag for EXTENSIBLE, else <see cref="FormatTag"/>.</summary>
        public int EffectiveFormatTag { get; internal set; }
        public int Channels { get; internal set; }
        public int SampleRate { get; internal set; }
        /// <summary>wBitsPerSample: the container size of one sample (32 for 24-in-32).</summary>
        public int BitsPerSample { get; internal set; }
        /// <summary>Bits that carry signal (wValidBitsPerSample for EXTENSIBLE, else <see cref="BitsPerSample"/>).</summary>
        public int ValidBitsPerSample { get; internal set; }
        /// <summary>dwChannelMask of an EXTENSIBLE header, else 0.</summary>
        public long ChannelMask { get; internal set; }
        /// <summary>Bytes per frame (recomputed from channels and bits when the header's nBlockAlign is wrong).</summary>
        public int BlockAlign { get; internal set; }
        /// <summary>Bytes per second (recomputed when the header's nAvgBytesPerSec is wrong).</summary>
        public long ByteRate { get; internal set; }
        /// <summary>Offset of the first sample byte; -1 when there is no data chunk.</summary>
        public long DataOffset { get; internal set; } = -1;
        /// <summary>Audio bytes actually present (declared size clamped to the file).</summary>
        public long DataBytes { get; internal set; }
        /// <summary>The data size the header declared (0xFFFFFFFF for streamed writers; the ds64 size for RF64).</summary>
        public long DeclaredDataBytes { get; internal set; }
        /// <summary>Whole frames in <see cref="DataBytes"/>.</summary>
        public long Frames { get; internal set; }
        public TimeSpan Duration { get; internal set; }
        /// <summary>Chunk ids in file order (including ds64, LIST, JUNK, ...).</summary>
        public IReadOnlyList<string> Chunks { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<WavIssue> Issues { get; internal set; } = Array.Empty<WavIssue>();
        /// <summary>No issue of severity Error: the header is understood and the samples can be read.</summary>
        public bool IsReadable => !Issues.Any(i => i.Severity == WavIssueSeverity.Error);
        /// <summary>The first error's message, or null.</summary>
        public string? Error => Issues.FirstOrDefault(i => i.Severity == WavIssueSeverity.Error)?.Message;
        /// <summary>Bytes the parser read (headers only; independent of the audio length).</summary>
        public long BytesRead { get; internal set; }

        /// <summary>How samples are encoded, for <see cref="WavReader.Analyze"/>; None when unsupported.</summary>
        internal WavSampleEncoding Encoding { get; set; }

        /// <summary>True when an issue with this code was reported.</summary>
        public bool HasIssue(string code) => Issues.Any(i => i.Code == code);

        public override string ToString()
        {
            var format = FormatName == null ? Container : $"{FormatName} {SampleRate} Hz {BitsPerSample}-bit {Channels} ch, {Duration}";
            var errors = Issues.Count(i => i.Severity == WavIssueSeverity.Error);
            var warnings = Issues.Count - errors;
            return $"{Name}: {format}" + (errors + warnings == 0 ? "" : $" ({errors} error(s), {warnings} warning(s))");
        }
    }

    public enum WavIssueSeverity
    {
        /// <summary>Read anyway (values recomputed or clamped); worth fixing.</summary>
        Warning,
        /// <summary>The file cannot be used as WAV training data as it is.</summary>
        Error,
    }

    /// <summary>One problem found in a WAV file.</summary>
    public sealed class WavIssue
    {
        internal WavIssue(string code, WavIssueSeverity severity, string message, long offset = -1)
        {
            Code = code;
            Severity = severity;
            Message = message;
            Offset = offset;
        }

        /// <summary>Stable identifier (see <see cref="WavIssueCodes"/>).</summary>
        public string Code { get; }
        public WavIssueSeverity Severity { get; }
        /// <summary>What is wrong and how to fix it.</summary>
        public string Message { get; }
        /// <summary>Byte offset the issue refers to, or -1.</summary>
        public long Offset { get; }

        public override string ToString() => $"{Severity} {Code}: {Message}";
    }

    /// <summary>The stable issue codes <see cref="WavReader"/> reports.</summary>
    public static class WavIssueCodes
    {
        // Not a WAV at all (Error).
        public const string Empty = "WavEmpty";
        public const string TruncatedHeader = "WavTruncatedHeader";
        public const string NotWavMp3 = "NotWavMp3";
        public const string NotWavAac = "NotWavAac";
        public const string NotWavMp4 = "NotWavMp4";
        public const string NotWavAiff = "NotWavAiff";
        public const string NotWavRifx = "NotWavRifx";
        public const string NotWavOggOrFlac = "NotWavOggOrFlac";
        public const string NotWavW64 = "NotWavW64";
        public const string NotWavRiffForm = "NotWavRiffForm";
        public const string NotWavUnknown = "NotWavUnknown";

        // Structure (Error).
        public const string MissingFmt = "WavMissingFmt";
        public const string MissingData = "WavMissingData";
        public const string FmtTruncated = "WavFmtTruncated";
        public const string FmtInvalid = "WavFmtInvalid";
        public const string UnsupportedFormat = "WavUnsupportedFormat";
        public const string NoAudio = "WavNoAudio";

        // Read anyway (Warning).
        public const string DataSizeClamped = "WavDataSizeClamped";
        public const string DataSizeUnknown = "WavDataSizeUnknown";
        public const string PartialFrame = "WavPartialFrame";
        public const string RiffSizeMismatch = "WavRiffSizeMismatch";
        public const string RiffSizeUnknown = "WavRiffSizeUnknown";
        public const string TrailingBytes = "WavTrailingBytes";
        public const string HeaderInconsistent = "WavHeaderInconsistent";
        public const string FmtOversized = "WavFmtOversized";
        public const string ChunkOverrun = "WavChunkOverrun";
        public const string InvalidChunk = "WavInvalidChunk";
        public const string MissingPadByte = "WavMissingPadByte";
        public const string DuplicateChunk = "WavDuplicateChunk";
        public const string TooManyChunks = "WavTooManyChunks";
        public const string Rf64 = "WavRf64";
        public const string Rf64MissingDs64 = "WavRf64MissingDs64";
    }

    /// <summary>Audio statistics from one streaming pass over the samples (<see cref="WavReader.Analyze"/>).</summary>
    public sealed class WavStatistics
    {
        internal WavStatistics() { }

        /// <summary>Largest absolute sample, dB relative to full scale (negative infinity for digital silence).</summary>
        public double PeakDbfs { get; internal set; }
        /// <summary>RMS over all samples of all channels, dBFS (a full-scale sine is -3.01 dBFS).</summary>
        public double RmsDbfs { get; internal set; }
        /// <summary>Samples at the positive or negative full-scale rail (|x| ≥ 1.0 for float).</summary>
        public long ClippedSamples { get; internal set; }
        /// <summary>Silence before the first frame with any channel above <see cref="SilenceThresholdDbfs"/>.</summary>
        public TimeSpan LeadingSilence { get; internal set; }
        /// <summary>Silence after the last frame with any channel above <see cref="SilenceThresholdDbfs"/>.</summary>
        public TimeSpan TrailingSilence { get; internal set; }
        /// <summary>True when no frame rises above <see cref="SilenceThresholdDbfs"/>.</summary>
        public bool IsSilent { get; internal set; }
        public double SilenceThresholdDbfs { get; internal set; }
        /// <summary>Frames read (less than the header's count only if the file shrank since it was read).</summary>
        public long FramesAnalyzed { get; internal set; }
        public long SamplesAnalyzed { get; internal set; }

        public override string ToString() =>
            $"peak {PeakDbfs:0.0} dBFS, RMS {RmsDbfs:0.0} dBFS, {ClippedSamples} clipped, silence {LeadingSilence.TotalSeconds:0.###} s / {TrailingSilence.TotalSeconds:0.###} s";
    }

    internal enum WavSampleEncoding
    {
        None,
        /// <summary>8-bit PCM, unsigned, 128 = zero.</summary>
        PcmUnsigned8,
        /// <summary>16/24/32-bit (or 9..32 valid bits in a 2..4 byte container) signed little-endian PCM, left-justified.</summary>
        PcmSigned,
        Float32,
        Float64,
    }
}
