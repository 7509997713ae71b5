using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>Tab completion for -Region from the known MetaStudio regions (no network).</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Regions.Names
                .Where(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, Regions.MetaStudioEndpoint(r).Host));
        }
    }

    /// <summary>Tab completion from a fixed list of values.</summary>
    public abstract class ValuesCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Values.Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }

    public sealed class TagCompleter : ValuesCompleter
    {
        internal static readonly string[] All = { "ECOMMERCE", "NEWS", "MARKETING", "LIVE", "EDUCATION", "CUSTOMER", "STORYTELLING" };
        protected override IEnumerable<string> Values => All;
    }

    public sealed class SexCompleter : ValuesCompleter
    {
        protected override IEnumerable<string> Values => new[] { "FEMALE", "MALE" };
    }

    public sealed class LanguageCompleter : ValuesCompleter
    {
        protected override IEnumerable<string> Values => new[] { "CN", "EN" };
    }

    public sealed class SupportedServiceCompleter : ValuesCompleter
    {
        protected override IEnumerable<string> Values => new[] { "VIDEO_2D", "LIVE_2D", "CHAT_2D" };
    }

    public sealed class StateCompleter : ValuesCompleter
    {
        /// <summary>JobState as the SDKs list it (reference §2); the service may add more.</summary>
        internal static readonly string[] All =
        {
            "CREATING", "UPLOADING", "SYSTEM_AUDITING", "AUDITING", "WAITING_SPLIT", "SPLITTING", "SPLIT_FAILED", "ANNOTATING",
            "WAITING", "PROCESSING", "RESULT_REVIEW", "USER_RESULT_REVIEW", "USER_REVIEW_REJECT", "AUDIT_FAILED", "FAILED", "SUCCEED",
        };
        protected override IEnumerable<string> Values => All;
    }

    public sealed class EditionCompleter : ValuesCompleter
    {
        protected override IEnumerable<string> Values => new[] { "Premium", "Basic", "Advanced", "ThirdParty" };
    }

    /// <summary>
    /// Tab completion for -JobId from the jobs this session has created or read (newest first):
    /// no request per keypress. Matches the id or the voice name.
    /// </summary>
    public sealed class JobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = Unwrap(fakeBoundParameters?["Session"]) as MetaStudioSession;
            if (session == null)
            {
                // The completer runs on the pipeline thread: reading the variable through a script block is allowed there.
                try { session = Unwrap(ScriptBlock.Create("$MetaStudioSession").Invoke().FirstOrDefault()) as MetaStudioSession; }
                catch (RuntimeException) { session = null; }
            }
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return session.RecentJobs()
                .Where(j => j.JobId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                            || (j.VoiceName ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(j => new CompletionResult(j.JobId, $"{j.JobId} ({j.VoiceName})", CompletionResultType.ParameterValue,
                    $"{j.VoiceName} — {j.State}"));
        }

        private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
