using System;
using System.Management.Automation;
using System.Text.Json;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the operation log of voice training jobs, oldest first (ListJobOperationLog).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VoiceTrainingJobLog")]
    [OutputType(typeof(VoiceTrainingJobLogEntry))]
    public sealed class GetVoiceTrainingJobLogCommand : MetaStudioApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        protected override void ProcessRecord() => ForEachJobId(JobId!, (id, session) =>
        {
            var offset = 0;
            while (true)
            {
                var pageOffset = offset;
                var page = Await(ct => ApiFor(session).ListJobOperationLogAsync(id, pageOffset, GetVoiceTrainingJobCommand.MaxPageSize, Log, ct));
                var operations = page.Operations ?? new System.Collections.Generic.List<OperationLogItem>();
                foreach (var op in operations)
                {
                    WriteObject(new VoiceTrainingJobLogEntry
                    {
                        JobId = id,
                        Time = VoiceTrainingJob.FromEpochMilliseconds(op.Time),
                        Action = op.Action,
                        Operator = op.Operator,
                        ExternalInfo = op.ExternalInfo is JsonElement e && e.ValueKind != JsonValueKind.Null && e.ValueKind != JsonValueKind.Undefined ? e.GetRawText() : null,
                    });
                }
                offset += operations.Count;
                if (operations.Count == 0 || offset >= page.Count) break;
            }
        });
    }
}
