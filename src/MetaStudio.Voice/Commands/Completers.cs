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
}
