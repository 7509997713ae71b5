using System;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Data
{
    /// <summary>
    /// The rules training data is checked against, in one table. The API documents the layouts
    /// (reference §6.1); the console's recording guide documents clip lengths (§6.2); the audio format
    /// is not documented, so the format rules are our defaults, chosen to refuse only what is surely
    /// unusable for voice cloning and to warn about what is merely poor:
    /// <list type="bullet">
    /// <item>sample rate below 16 kHz: error (telephone-quality audio cannot train a studio voice);</item>
    /// <item>more than one channel: error (record mono: a voice model is one voice, and stereo doubles the upload);</item>
    /// <item>8-bit PCM: error; 16- or 24-bit PCM: fine; 32-bit integer or float: warning (export 16/24-bit PCM);</item>
    /// <item>sentence clips: longer than 15 s is an error (the guide says training then fails), shorter than 5 s a warning;</item>
    /// <item>a single recording (Premium, ThirdParty): 3 to 60 minutes unless the tenant's own limits say otherwise.</item>
    /// </list>
    /// When connected, GET tenant-duration-cfg replaces the duration defaults with the tenant's.
    /// </summary>
    internal sealed class TrainingDataPolicy
    {
        public const int MinSampleRate = 16000;
        public const int RequiredChannels = 1;
        public static readonly TimeSpan MinClip = TimeSpan.FromSeconds(5);
        public static readonly TimeSpan MaxClip = TimeSpan.FromSeconds(15);

        private TrainingDataPolicy(VoiceTrainingEdition edition, int sentences, TimeSpan? minTotal, TimeSpan? maxTotal, string source)
        {
            Edition = edition;
            Sentences = sentences;
            MinTotal = minTotal;
            MaxTotal = maxTotal;
            LimitsSource = source;
        }

        public VoiceTrainingEdition Edition { get; }
        /// <summary>Sentence pairs (0.wav/0.txt ...) the edition takes; 0 for one long recording.</summary>
        public int Sentences { get; }
        public bool SingleRecording => Sentences == 0;
        public TimeSpan? MinTotal { get; }
        public TimeSpan? MaxTotal { get; }
        /// <summary>"defaults" or "tenant" (from tenant-duration-cfg).</summary>
        public string LimitsSource { get; }

        public static TrainingDataPolicy For(VoiceTrainingEdition edition) => edition switch
        {
            VoiceTrainingEdition.Basic => new TrainingDataPolicy(edition, 20, null, null, "defaults"),
            VoiceTrainingEdition.Advanced => new TrainingDataPolicy(edition, 100, null, null, "defaults"),
            _ => new TrainingDataPolicy(edition, 0, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(60), "defaults"),
        };

        /// <summary>The same rules with the tenant's total-duration limits, where it has any for the edition.</summary>
        public TrainingDataPolicy WithTenantLimits(VoiceTrainingDurationLimit? limit)
        {
            if (limit == null || (limit.Minimum == null && limit.Maximum == null)) return this;
            return new TrainingDataPolicy(Edition, Sentences, limit.Minimum ?? MinTotal, limit.Maximum ?? MaxTotal, "tenant");
        }
    }
}
