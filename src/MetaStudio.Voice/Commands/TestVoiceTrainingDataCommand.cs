using System;
using System.Management.Automation;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks training data (a folder, a .zip or a .wav) against an edition's rules before anything is uploaded.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "VoiceTrainingData")]
    [OutputType(typeof(VoiceTrainingDataReport))]
    public sealed class TestVoiceTrainingDataCommand : MetaStudioApiCmdlet
    {
        /// <summary>The data: a folder of .wav/.txt files, a .zip or a single .wav.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DataPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Premium (default), Basic, Advanced or ThirdParty.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingEdition Edition { get; set; } = VoiceTrainingEdition.Premium;

        /// <summary>Package (default) or Segment.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingCreateType CreateType { get; set; } = VoiceTrainingCreateType.Package;

        /// <summary>Only the defaults, even when connected (no request for the tenant's limits).</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        protected override void ProcessRecord()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            try
            {
                if (!System.IO.File.Exists(path) && !System.IO.Directory.Exists(path))
                    throw new Client.MetaStudioException("TrainingDataNotFound", Client.MetaStudioErrorKind.NotFound,
                        $"The training data {path} does not exist. Pass a folder of .wav/.txt files, a .zip or a .wav.");
                var session = Offline ? null : TryResolveSession();
                var policy = PolicyFor(Edition, session);
                var report = Await(ct => System.Threading.Tasks.Task.Run(() => DatasetValidator.Validate(path, policy, CreateType, ct), ct));
                WriteObject(report);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, path);
            }
        }
    }
}
