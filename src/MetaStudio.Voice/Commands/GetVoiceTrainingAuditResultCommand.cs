using System;
using System.Management.Automation;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the review result of voice training jobs: which files failed and why (ShowJobAuditResult).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VoiceTrainingAuditResult")]
    [OutputType(typeof(VoiceTrainingAuditResult))]
    public sealed class GetVoiceTrainingAuditResultCommand : MetaStudioApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        protected override void ProcessRecord() => ForEachJobId(JobId!, (id, session) =>
            WriteObject(VoiceTrainingAuditResult.From(id, Await(ct => ApiFor(session).ShowJobAuditResultAsync(id, Log, ct)))));
    }
}
