using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// Like ValidateSet (case-insensitive), but an empty string passes as "not given": Import-Csv
    /// gives empty cells as "", and a CSV with a blank optional column must still bind.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateSetOrEmptyAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateSetOrEmptyAttribute(params string[] validValues) => ValidValues = validValues;

        public IReadOnlyList<string> ValidValues { get; }

        protected override void ValidateElement(object element)
        {
            var value = (element is PSObject pso ? pso.BaseObject : element)?.ToString();
            if (string.IsNullOrEmpty(value)) return;
            if (!ValidValues.Contains(value, StringComparer.OrdinalIgnoreCase))
                throw new ValidationMetadataException(
                    $"'{value}' is not one of the allowed values: {string.Join(", ", ValidValues)}.");
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
}
