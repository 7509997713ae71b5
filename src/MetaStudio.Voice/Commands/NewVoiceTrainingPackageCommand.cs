using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Builds the zip MetaStudio expects from a folder of training data (names at the zip root), checked first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "VoiceTrainingPackage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class NewVoiceTrainingPackageCommand : MetaStudioApiCmdlet
    {
        /// <summary>A folder of .wav/.txt files, or a single .wav.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DataPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The zip to write.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Premium (default), Basic, Advanced or ThirdParty: whose rules the data is checked against.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingEdition Edition { get; set; } = VoiceTrainingEdition.Premium;

        /// <summary>Write the zip even if the data does not pass the checks.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <summary>Overwrite an existing -OutFile.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var source = Path!;
            try
            {
                source = ResolvePath(Path!);
                var target = ResolvePath(OutFile!);
                if (!target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                    throw new MetaStudioException("OutFileNotZip", MetaStudioErrorKind.InvalidArgument, $"-OutFile must end in .zip (got {target}).");
                if (File.Exists(source) && source.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                    throw new MetaStudioException("AlreadyAPackage", MetaStudioErrorKind.InvalidArgument, $"{source} is already a zip; check it with Test-VoiceTrainingData and upload it as it is.");
                if (File.Exists(target) && !Force)
                    throw new MetaStudioException("OutFileExists", MetaStudioErrorKind.InvalidOperation, $"{target} exists. Pass -Force to overwrite it.");
                var package = TrainingPackage.Resolve(source);
                // -WhatIf does no work: the checks (which may ask the service for the tenant's limits) come after it.
                if (!ShouldProcess(target, $"Create training data package from {package.Entries.Count} file(s) of {source}"))
                    return;

                if (!SkipValidation)
                {
                    var policy = PolicyFor(Edition, TryResolveSession());
                    var report = Await(ct => System.Threading.Tasks.Task.Run(() => DatasetValidator.Validate(source, policy, VoiceTrainingCreateType.Package, ct), ct));
                    foreach (var warning in report.Problems.Where(p => p.Severity == VoiceTrainingDataSeverity.Warning))
                        WriteWarning(warning.ToString());
                    if (!report.IsValid)
                        throw new TrainingDataInvalidException(report,
                            $"The training data {source} does not meet the {Edition} rules ({report.ErrorCount} error(s)): " +
                            string.Join("; ", report.Problems.Where(p => p.Severity == VoiceTrainingDataSeverity.Error).Take(5).Select(p => (p.File != null ? p.File + ": " : "") + p.Message)) +
                            $" Run Test-VoiceTrainingData -Path '{source}' -Edition {Edition} for the full report, or -SkipValidation to package anyway.");
                }

                // Written beside the target and moved into place, so Ctrl+C never leaves half a zip under the real name.
                var partial = target + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";
                var progress = new TransferProgress();
                progress.Begin("Packing", package.SourceBytes);
                var drawer = new ProgressDrawer(this, 1, 2, $"Packing {System.IO.Path.GetFileName(target)}", progress);
                Await(ct => package.WriteZipAsync(partial, progress.Add, ct), drawer.Draw);
                drawer.Complete();
                if (File.Exists(target)) File.Delete(target);
                File.Move(partial, target);
                WriteObject(new FileInfo(target));
            }
            catch (Exception ex)
            {
                WriteFailure(ex, source);
            }
        }
    }
}
