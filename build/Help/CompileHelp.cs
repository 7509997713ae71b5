// The help compiler of MetaStudio.Voice: per-cmdlet markdown in docs/ (platyPS layout) -> MAML
// (<assembly>.dll-Help.xml), and docs/about_*.md -> about_*.help.txt. Compiled and run by MSBuild
// (RoslynCodeTaskFactory, see Help.targets), so it targets what that factory references: netstandard
// plus Microsoft.Build.*. No network, no packages.
//
// It fails the build (error codes MSH0xx) when
//   - an exported cmdlet (CmdletsToExport in the manifest) has no docs/<Cmdlet>.md,
//   - a doc lacks a synopsis, a description, two examples, or still holds {{ placeholders }},
//   - a parameter of the cmdlet (read from the built assembly) is not documented, or a documented
//     parameter does not exist, or a yaml block disagrees with the code (type, parameter sets,
//     Required, Position, pipeline input, aliases),
//   - the SYNTAX block of a parameter set names other parameters than the set has.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class CompileHelp : Task
{
    /// <summary>The module manifest: CmdletsToExport says which docs must exist.</summary>
    [Required] public string Manifest { get; set; } = "";
    /// <summary>The folder of the markdown docs.</summary>
    [Required] public string DocsDirectory { get; set; } = "";
    /// <summary>The built module assembly, reflected (metadata only) to check the documented parameters.</summary>
    public string ModuleAssembly { get; set; } = "";
    /// <summary>Assemblies the module assembly references (the project's ReferencePath).</summary>
    public ITaskItem[] References { get; set; } = new ITaskItem[0];
    /// <summary>Where to write the MAML file.</summary>
    [Required] public string OutputHelpFile { get; set; } = "";
    /// <summary>Where to write the about topics (one .help.txt per docs/about_*.md).</summary>
    [Required] public string OutputDirectory { get; set; } = "";
    public string ModuleName { get; set; } = "MetaStudio.Voice";

    private const string MamlNs = "http://schemas.microsoft.com/maml/2004/10";
    private const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = MamlNs;
    private static readonly XNamespace Cmd = CommandNs;
    private static readonly XNamespace Dev = DevNs;
    private const string AllSets = "__AllParameterSets";

    private int _errors;

    public override bool Execute()
    {
        try
        {
            var exported = ReadExportedCmdlets(Manifest);
            if (exported.Count == 0) Fail("MSH001", Manifest, "CmdletsToExport lists no cmdlet; the help compiler has nothing to check.");
            var code = ReflectCmdlets();
            var docs = new List<CommandDoc>();
            foreach (var name in exported)
            {
                var path = Path.Combine(DocsDirectory, name + ".md");
                if (!File.Exists(path))
                {
                    Fail("MSH002", Manifest, $"{name} is exported but has no help: {path} is missing. " +
                        "Write it in the platyPS layout (build/Help/New-HelpSkeleton.ps1 writes a skeleton from the built cmdlet).");
                    continue;
                }
                var doc = CommandDoc.Parse(path, this);
                if (doc == null) continue;
                if (!string.Equals(doc.Name, name, StringComparison.Ordinal))
                    Fail("MSH003", path, $"The title is '# {doc.Name}', expected '# {name}'.");
                CheckContent(doc);
                if (code != null)
                {
                    if (code.TryGetValue(name, out var info)) CheckAgainstCode(doc, info);
                    else Fail("MSH004", path, $"{name} is exported by the manifest, but the assembly {Path.GetFileName(ModuleAssembly)} has no such cmdlet.");
                }
                docs.Add(doc);
            }
            if (_errors > 0)
            {
                DeleteOutputs();
                Log.LogError(null, "MSH000", null, Manifest, 0, 0, 0, 0,
                    $"Help was not built: {_errors} problem(s) in {DocsDirectory}. Every exported cmdlet needs docs/<Cmdlet>.md documenting each of its parameters.");
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputHelpFile))!);
            WriteIfChanged(OutputHelpFile, BuildMaml(docs));
            Directory.CreateDirectory(OutputDirectory);
            foreach (var about in Directory.GetFiles(DocsDirectory, "about_*.md"))
            {
                var text = AboutTopic.ToText(File.ReadAllText(about));
                WriteIfChanged(Path.Combine(OutputDirectory, Path.GetFileNameWithoutExtension(about) + ".help.txt"), text);
            }
            Log.LogMessage(MessageImportance.Normal, $"Help: {docs.Count} cmdlet(s) -> {OutputHelpFile}");
            return true;
        }
        catch (Exception ex)
        {
            DeleteOutputs();
            Log.LogError(null, "MSH099", null, DocsDirectory, 0, 0, 0, 0, "The help compiler failed: " + ex);
            return false;
        }
    }

    internal void Fail(string code, string file, string message, int line = 0)
    {
        _errors++;
        Log.LogError(null, code, null, file, line, 0, 0, 0, message);
    }

    private void DeleteOutputs()
    {
        try { if (File.Exists(OutputHelpFile)) File.Delete(OutputHelpFile); } catch (IOException) { }
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow); // keeps the target incremental
            return;
        }
        File.WriteAllText(path, content, new UTF8Encoding(true));
    }

    private static List<string> ReadExportedCmdlets(string manifest)
    {
        var text = File.ReadAllText(manifest);
        var m = Regex.Match(text, @"CmdletsToExport\s*=\s*@?\(([^)]*)\)", RegexOptions.Singleline);
        if (!m.Success) return new List<string>();
        var body = Regex.Replace(m.Groups[1].Value, "#[^\n]*", "");
        return Regex.Matches(body, @"'([^']+)'|""([^""]+)""").Cast<Match>()
            .Select(x => x.Groups[1].Success ? x.Groups[1].Value : x.Groups[2].Value).ToList();
    }

    // ---- checks ----------------------------------------------------------------------------

    private void CheckContent(CommandDoc doc)
    {
        if (string.IsNullOrWhiteSpace(doc.Synopsis)) Fail("MSH010", doc.Path, "## SYNOPSIS is empty.");
        if (doc.Description.Count == 0) Fail("MSH011", doc.Path, "## DESCRIPTION is empty.");
        if (doc.Examples.Count < 2) Fail("MSH012", doc.Path, $"## EXAMPLES has {doc.Examples.Count} example(s); write at least two real ones.");
        foreach (var e in doc.Examples.Where(e => string.IsNullOrWhiteSpace(e.Code)))
            Fail("MSH013", doc.Path, $"Example '{e.Title}' has no code block.");
        if (doc.Syntax.Count == 0) Fail("MSH014", doc.Path, "## SYNTAX has no code block.");
        foreach (var p in doc.Parameters)
        {
            if (p.Description.Count == 0) Fail("MSH015", doc.Path, $"Parameter -{p.Name} has no description.");
            if (p.Blocks.Count == 0) Fail("MSH016", doc.Path, $"Parameter -{p.Name} has no yaml block (Type, Parameter Sets, Aliases, Required, Position, ...).");
        }
        foreach (var line in doc.PlaceholderLines)
            Fail("MSH017", doc.Path, "A {{ placeholder }} is left in the doc.", line);
    }

    private void CheckAgainstCode(CommandDoc doc, CmdletInfo info)
    {
        var documented = doc.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var p in info.Parameters.Values)
            if (!documented.ContainsKey(p.Name))
                Fail("MSH020", doc.Path, $"Parameter -{p.Name} of {info.Name} is not documented: add a '### -{p.Name}' section with a description and its yaml block to ## PARAMETERS.");
        foreach (var d in doc.Parameters)
        {
            if (!info.Parameters.TryGetValue(d.Name, out var p))
            {
                Fail("MSH021", doc.Path, $"-{d.Name} is documented, but {info.Name} has no such parameter. Remove or rename the section.");
                continue;
            }
            if (!string.Equals(d.Name, p.Name, StringComparison.Ordinal))
                Fail("MSH022", doc.Path, $"-{d.Name} is spelled -{p.Name} in the code.");
            var covered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var block in d.Blocks)
            {
                if (!string.IsNullOrEmpty(block.Type) && !string.Equals(block.Type, p.TypeName, StringComparison.Ordinal))
                    Fail("MSH023", doc.Path, $"-{p.Name}: 'Type: {block.Type}' but the parameter is a {p.TypeName}.", block.Line);
                var aliases = (block.Aliases ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(a => a.Trim()).Where(a => a.Length > 0 && a != "None").OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
                if (!aliases.SequenceEqual(p.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
                    Fail("MSH024", doc.Path, $"-{p.Name}: 'Aliases: {block.Aliases}' but the code says '{string.Join(", ", p.Aliases)}'.", block.Line);
                var sets = block.Sets.Count == 1 && block.Sets[0] == "(All)" ? p.Sets.Keys.ToList() : block.Sets;
                foreach (var set in sets)
                {
                    var key = info.SetKey(set);
                    if (!p.Sets.TryGetValue(key, out var meta))
                    {
                        Fail("MSH025", doc.Path, $"-{p.Name} is documented for parameter set '{set}', which it is not in (it is in: {string.Join(", ", p.Sets.Keys.Select(info.SetTitle))}).", block.Line);
                        continue;
                    }
                    covered.Add(key);
                    if (block.Required != meta.Mandatory)
                        Fail("MSH026", doc.Path, $"-{p.Name} in set '{info.SetTitle(key)}': 'Required: {block.Required}' but the code says {meta.Mandatory}.", block.Line);
                    var position = meta.Position < 0 ? "Named" : meta.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!string.Equals(block.Position, position, StringComparison.OrdinalIgnoreCase))
                        Fail("MSH027", doc.Path, $"-{p.Name} in set '{info.SetTitle(key)}': 'Position: {block.Position}' but the code says {position}.", block.Line);
                    if (!string.Equals(Normalize(block.PipelineInput), Normalize(meta.PipelineText), StringComparison.OrdinalIgnoreCase))
                        Fail("MSH028", doc.Path, $"-{p.Name} in set '{info.SetTitle(key)}': 'Accept pipeline input: {block.PipelineInput}' but the code says {meta.PipelineText}.", block.Line);
                }
            }
            foreach (var missing in p.Sets.Keys.Where(k => !covered.Contains(k)))
                Fail("MSH029", doc.Path, $"-{p.Name} is in parameter set '{info.SetTitle(missing)}', but no yaml block of it says so.");
        }

        // SYNTAX: one block per parameter set, naming exactly the set's parameters.
        var setNames = info.SetNames;
        foreach (var set in setNames)
        {
            var title = info.SetTitle(set);
            var syntax = doc.Syntax.FirstOrDefault(s => string.Equals(s.Set ?? AllSets, set, StringComparison.OrdinalIgnoreCase)
                                                        || (setNames.Count == 1 && s.Set == null));
            if (syntax == null)
            {
                Fail("MSH030", doc.Path, $"## SYNTAX has no block for parameter set '{title}' (write '### {title}' and its syntax line).");
                continue;
            }
            var expected = info.Parameters.Values.Where(p => p.Sets.ContainsKey(set) || p.Sets.ContainsKey(AllSets)).Select(p => p.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
            var actual = syntax.ParameterNames.OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
            if (!expected.SequenceEqual(actual, StringComparer.OrdinalIgnoreCase))
                Fail("MSH031", doc.Path, $"The syntax of set '{title}' names {string.Join(" ", actual.Select(n => "-" + n))}; the set has {string.Join(" ", expected.Select(n => "-" + n))}.");
            if (info.DefaultSet != null && setNames.Count > 1 && string.Equals(set, info.DefaultSet, StringComparison.OrdinalIgnoreCase) && !syntax.IsDefault)
                Fail("MSH032", doc.Path, $"'### {title}' is the default parameter set: write '### {title} (Default)'.");
        }
        foreach (var s in doc.Syntax.Where(s => s.Set != null && !setNames.Contains(s.Set, StringComparer.OrdinalIgnoreCase)))
            Fail("MSH033", doc.Path, $"## SYNTAX has a block for parameter set '{s.Set}', which {info.Name} does not have.");
    }

    private static string Normalize(string? s) => Regex.Replace(s ?? "", @"\s+", "");

    // ---- reflection (metadata only: nothing of the module runs in the build) -----------------

    internal sealed class ParameterSetMeta
    {
        public bool Mandatory;
        public int Position = int.MinValue;
        public bool ByValue;
        public bool ByPropertyName;
        public string PipelineText => !ByValue && !ByPropertyName ? "False"
            : "True (" + string.Join(", ", new[] { ByPropertyName ? "ByPropertyName" : null, ByValue ? "ByValue" : null }.Where(x => x != null)) + ")";
    }

    internal sealed class ParameterInfoMeta
    {
        public string Name = "";
        public string TypeName = "";
        public List<string> Aliases = new List<string>();
        public Dictionary<string, ParameterSetMeta> Sets = new Dictionary<string, ParameterSetMeta>(StringComparer.OrdinalIgnoreCase);
    }

    internal sealed class CmdletInfo
    {
        public string Name = "";
        public string? DefaultSet;
        public Dictionary<string, ParameterInfoMeta> Parameters = new Dictionary<string, ParameterInfoMeta>(StringComparer.OrdinalIgnoreCase);

        public List<string> SetNames
        {
            get
            {
                var named = Parameters.Values.SelectMany(p => p.Sets.Keys).Where(s => s != AllSets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                return named.Count == 0 ? new List<string> { AllSets } : named;
            }
        }

        public string SetKey(string docSet) => SetNames.Count == 1 && SetNames[0] == AllSets ? AllSets : docSet;
        public string SetTitle(string set) => set == AllSets ? "(All)" : set;
    }

    private Dictionary<string, CmdletInfo>? ReflectCmdlets()
    {
        if (string.IsNullOrEmpty(ModuleAssembly) || !File.Exists(ModuleAssembly))
        {
            Log.LogWarning($"MetaStudio help: the module assembly '{ModuleAssembly}' was not found; parameters are not checked against the code in this build (HelpTests still check them).");
            return null;
        }
        // MetadataLoadContext ships with the .NET SDK's MSBuild; it is loaded by reflection because the
        // inline-task compiler references netstandard only. Where it is absent (MSBuild on .NET
        // Framework), the check is skipped with a warning and HelpTests remain the guard.
        Assembly? mlcAssembly = null;
        try { mlcAssembly = Assembly.Load(new AssemblyName("System.Reflection.MetadataLoadContext")); }
        catch (Exception) { }
        if (mlcAssembly == null)
        {
            var beside = Path.Combine(Path.GetDirectoryName(typeof(Task).Assembly.Location) ?? "", "System.Reflection.MetadataLoadContext.dll");
            if (File.Exists(beside)) mlcAssembly = Assembly.LoadFrom(beside);
        }
        var resolverType = mlcAssembly?.GetType("System.Reflection.PathAssemblyResolver");
        var contextType = mlcAssembly?.GetType("System.Reflection.MetadataLoadContext");
        if (resolverType == null || contextType == null)
        {
            Log.LogWarning("MetaStudio help: System.Reflection.MetadataLoadContext is not available in this MSBuild; parameters are not checked against the code in this build (HelpTests still check them).");
            return null;
        }
        var paths = References.Select(r => r.GetMetadata("FullPath")).Where(File.Exists).ToList();
        paths.Add(Path.GetFullPath(ModuleAssembly));
        var distinct = paths.GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList();
        var resolver = Activator.CreateInstance(resolverType, new object[] { distinct });
        var context = (IDisposable)Activator.CreateInstance(contextType, new object?[] { resolver, "netstandard" })!;
        try
        {
            var assembly = (Assembly)contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!.Invoke(context, new object[] { Path.GetFullPath(ModuleAssembly) })!;
            var result = new Dictionary<string, CmdletInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in assembly.GetExportedTypes())
            {
                if (type.IsAbstract) continue;
                var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
                if (cmdlet == null) continue;
                var info = new CmdletInfo { Name = cmdlet.ConstructorArguments[0].Value + "-" + cmdlet.ConstructorArguments[1].Value };
                bool Named(string n) => cmdlet.NamedArguments.Any(a => a.MemberName == n && a.TypedValue.Value is bool b && b);
                info.DefaultSet = cmdlet.NamedArguments.Where(a => a.MemberName == "DefaultParameterSetName").Select(a => a.TypedValue.Value as string).FirstOrDefault();
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var attributes = property.GetCustomAttributesData();
                    ParameterInfoMeta? p = null;
                    foreach (var a in attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"))
                    {
                        p ??= new ParameterInfoMeta { Name = property.Name, TypeName = ShortTypeName(property.PropertyType) };
                        var meta = new ParameterSetMeta();
                        var set = AllSets;
                        foreach (var n in a.NamedArguments)
                        {
                            switch (n.MemberName)
                            {
                                case "Mandatory": meta.Mandatory = (bool)n.TypedValue.Value!; break;
                                case "Position": meta.Position = (int)n.TypedValue.Value!; break;
                                case "ValueFromPipeline": meta.ByValue = (bool)n.TypedValue.Value!; break;
                                case "ValueFromPipelineByPropertyName": meta.ByPropertyName = (bool)n.TypedValue.Value!; break;
                                case "ParameterSetName": set = (string)n.TypedValue.Value!; break;
                            }
                        }
                        p.Sets[set] = meta;
                    }
                    if (p == null) continue;
                    foreach (var a in attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute"))
                        foreach (var arg in a.ConstructorArguments)
                            if (arg.Value is IEnumerable<CustomAttributeTypedArgument> values)
                                p.Aliases.AddRange(values.Select(v => (string)v.Value!));
                            else if (arg.Value is string s) p.Aliases.Add(s);
                    info.Parameters[p.Name] = p;
                }
                void Add(string name, string typeName, string alias)
                {
                    var p = new ParameterInfoMeta { Name = name, TypeName = typeName };
                    if (alias.Length > 0) p.Aliases.Add(alias);
                    p.Sets[AllSets] = new ParameterSetMeta();
                    info.Parameters[name] = p;
                }
                if (Named("SupportsShouldProcess")) { Add("WhatIf", "SwitchParameter", "wi"); Add("Confirm", "SwitchParameter", "cf"); }
                if (Named("SupportsPaging")) { Add("IncludeTotalCount", "SwitchParameter", ""); Add("Skip", "UInt64", ""); Add("First", "UInt64", ""); }
                // A parameter in every set is "in all sets" whatever the attribute said.
                result[info.Name] = info;
            }
            return result;
        }
        finally
        {
            context.Dispose();
        }
    }

    private static string ShortTypeName(Type t)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition().FullName == "System.Nullable`1") t = t.GetGenericArguments()[0];
        return t.Name;
    }

    // ---- MAML ----------------------------------------------------------------------------------

    private string BuildMaml(List<CommandDoc> docs)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var doc in docs) root.Add(Command(doc));
        var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        using var writer = new Utf8StringWriter();
        xml.Save(writer);
        return writer.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs)
    {
        var list = paragraphs.ToList();
        if (list.Count == 0) return new[] { new XElement(Maml + "para") };
        return list.Select(p => new XElement(Maml + "para", p));
    }

    private static XElement Command(CommandDoc doc)
    {
        var dash = doc.Name.IndexOf('-');
        var command = new XElement(Cmd + "command",
            new XAttribute(XNamespace.Xmlns + "maml", MamlNs),
            new XAttribute(XNamespace.Xmlns + "command", CommandNs),
            new XAttribute(XNamespace.Xmlns + "dev", DevNs),
            new XAttribute(XNamespace.Xmlns + "MSHelp", "http://msdn.microsoft.com/mshelp"),
            new XElement(Cmd + "details",
                new XElement(Cmd + "name", doc.Name),
                new XElement(Cmd + "verb", dash > 0 ? doc.Name.Substring(0, dash) : doc.Name),
                new XElement(Cmd + "noun", dash > 0 ? doc.Name.Substring(dash + 1) : ""),
                new XElement(Maml + "description", Paras(new[] { doc.Synopsis }))),
            new XElement(Maml + "description", Paras(doc.Description)));

        var syntax = new XElement(Cmd + "syntax");
        foreach (var s in doc.Syntax)
        {
            var item = new XElement(Cmd + "syntaxItem", new XElement(Maml + "name", doc.Name));
            foreach (var name in s.ParameterNames)
            {
                var p = doc.Parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
                if (p == null) continue;
                var block = p.BlockFor(s.Set, doc.Syntax.Count);
                if (block != null) item.Add(Parameter(p, block, inSyntax: true));
            }
            syntax.Add(item);
        }
        command.Add(syntax);

        var parameters = new XElement(Cmd + "parameters");
        foreach (var p in doc.Parameters.Where(p => p.Blocks.Count > 0))
        {
            // One entry per parameter; Required/Position from its first block, like platyPS.
            parameters.Add(Parameter(p, p.Blocks[0], inSyntax: false));
        }
        command.Add(parameters);

        command.Add(new XElement(Cmd + "inputTypes", doc.Inputs.Select(t =>
            new XElement(Cmd + "inputType",
                new XElement(Dev + "type", new XElement(Maml + "name", t.Name)),
                new XElement(Maml + "description", Paras(t.Description))))));
        command.Add(new XElement(Cmd + "returnValues", doc.Outputs.Select(t =>
            new XElement(Cmd + "returnValue",
                new XElement(Dev + "type", new XElement(Maml + "name", t.Name)),
                new XElement(Maml + "description", Paras(t.Description))))));
        if (doc.Notes.Count > 0)
            command.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(doc.Notes))));
        command.Add(new XElement(Cmd + "examples", doc.Examples.Select(e =>
            new XElement(Cmd + "example",
                new XElement(Maml + "title", "-------------------------- " + e.Title + " --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paras(e.Remarks))))));
        command.Add(new XElement(Maml + "relatedLinks", doc.Links.Select(l =>
            new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));
        return command;
    }

    private static XElement Parameter(ParameterDoc p, YamlBlock block, bool inSyntax)
    {
        var isSwitch = block.Type == "SwitchParameter";
        var element = new XElement(Cmd + "parameter",
            new XAttribute("required", block.Required ? "true" : "false"),
            new XAttribute("variableLength", (block.Type ?? "").EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", block.Wildcards ? "true" : "false"),
            new XAttribute("pipelineInput", block.PipelineInput ?? "False"),
            new XAttribute("position", string.Equals(block.Position, "Named", StringComparison.OrdinalIgnoreCase) ? "named" : block.Position ?? "named"),
            new XAttribute("aliases", string.IsNullOrWhiteSpace(block.Aliases) ? "none" : block.Aliases),
            new XElement(Maml + "name", p.Name),
            new XElement(Maml + "description", Paras(p.Description)));
        if (inSyntax && block.AcceptedValues.Count > 0)
        {
            element.Add(new XElement(Cmd + "parameterValueGroup", block.AcceptedValues.Select(v =>
                new XElement(Cmd + "parameterValue", new XAttribute("required", "false"), new XAttribute(Cmd + "variableLength", "false"), v))));
        }
        else if (!isSwitch)
        {
            element.Add(new XElement(Cmd + "parameterValue", new XAttribute("required", "true"),
                new XAttribute("variableLength", "false"), block.Type ?? "Object"));
        }
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", block.Type ?? "Object"), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", string.IsNullOrWhiteSpace(block.DefaultValue) ? "None" : block.DefaultValue));
        return element;
    }
}

// ---- the markdown model (platyPS schema 2.0.0) --------------------------------------------------

internal sealed class YamlBlock
{
    public int Line;
    public string? Type;
    public List<string> Sets = new List<string>();
    public string? Aliases;
    public List<string> AcceptedValues = new List<string>();
    public bool Required;
    public string? Position;
    public string? DefaultValue;
    public string? PipelineInput;
    public bool Wildcards;
}

internal sealed class ParameterDoc
{
    public string Name = "";
    public List<string> Description = new List<string>();
    public List<YamlBlock> Blocks = new List<YamlBlock>();

    public YamlBlock? BlockFor(string? set, int setCount)
    {
        if (set == null || setCount <= 1) return Blocks.FirstOrDefault();
        return Blocks.FirstOrDefault(b => b.Sets.Contains(set, StringComparer.OrdinalIgnoreCase))
               ?? Blocks.FirstOrDefault(b => b.Sets.Contains("(All)"));
    }
}

internal sealed class SyntaxDoc
{
    public string? Set;
    public bool IsDefault;
    public string Text = "";
    public List<string> ParameterNames = new List<string>();
}

internal sealed class ExampleDoc
{
    public string Title = "";
    public string Code = "";
    public List<string> Remarks = new List<string>();
}

internal sealed class TypeDoc
{
    public string Name = "";
    public List<string> Description = new List<string>();
}

internal sealed class LinkDoc
{
    public string Text = "";
    public string Uri = "";
}

internal sealed class CommandDoc
{
    public string Path = "";
    public string Name = "";
    public string Synopsis = "";
    public List<string> Description = new List<string>();
    public List<SyntaxDoc> Syntax = new List<SyntaxDoc>();
    public List<ExampleDoc> Examples = new List<ExampleDoc>();
    public List<ParameterDoc> Parameters = new List<ParameterDoc>();
    public List<TypeDoc> Inputs = new List<TypeDoc>();
    public List<TypeDoc> Outputs = new List<TypeDoc>();
    public List<string> Notes = new List<string>();
    public List<LinkDoc> Links = new List<LinkDoc>();
    public List<int> PlaceholderLines = new List<int>();

    internal sealed class Line
    {
        public int Number;
        public string Text = "";
        public bool InFence;   // inside a ``` block (or the fence line itself)
    }

    public static CommandDoc? Parse(string path, CompileHelp task)
    {
        var raw = File.ReadAllLines(path);
        var lines = new List<Line>();
        var fence = false;
        var start = 0;
        if (raw.Length > 0 && raw[0].Trim() == "---")
        {
            for (var i = 1; i < raw.Length; i++)
                if (raw[i].Trim() == "---") { start = i + 1; break; }
        }
        for (var i = start; i < raw.Length; i++)
        {
            var isFence = raw[i].TrimStart().StartsWith("```", StringComparison.Ordinal);
            lines.Add(new Line { Number = i + 1, Text = raw[i], InFence = fence || isFence });
            if (isFence) fence = !fence;
        }
        var doc = new CommandDoc { Path = path };
        doc.PlaceholderLines.AddRange(lines.Where(l => l.Text.Contains("{{")).Select(l => l.Number));
        var title = lines.FirstOrDefault(l => !l.InFence && l.Text.StartsWith("# ", StringComparison.Ordinal));
        if (title == null)
        {
            task.Fail("MSH005", path, "No '# <Cmdlet-Name>' title.");
            return null;
        }
        doc.Name = title.Text.Substring(2).Trim();

        var sections = Split(lines, "## ");
        List<Line> Section(string name) => sections.TryGetValue(name, out var s) ? s : new List<Line>();
        foreach (var required in new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" })
            if (!sections.ContainsKey(required)) task.Fail("MSH006", path, $"The section '## {required}' is missing.");

        doc.Synopsis = string.Join(" ", Markdown.Paragraphs(Section("SYNOPSIS")));
        doc.Description = Markdown.Paragraphs(Section("DESCRIPTION"));

        foreach (var sub in SplitOrdered(Section("SYNTAX"), "### ", includeLead: true))
        {
            var code = sub.Body.Where(l => l.InFence && !l.Text.TrimStart().StartsWith("```", StringComparison.Ordinal)).Select(l => l.Text.Trim()).ToList();
            if (code.Count == 0) continue;
            var s = new SyntaxDoc { Text = string.Join(" ", code) };
            if (sub.Title != null)
            {
                var t = sub.Title;
                s.IsDefault = t.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase);
                s.Set = s.IsDefault ? t.Substring(0, t.Length - "(Default)".Length).Trim() : t.Trim();
            }
            s.ParameterNames = Regex.Matches(s.Text, @"(?<=[\s\[])-([A-Za-z][A-Za-z0-9]*)").Cast<Match>().Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            doc.Syntax.Add(s);
        }

        foreach (var sub in SplitOrdered(Section("EXAMPLES"), "### ", includeLead: false))
        {
            var e = new ExampleDoc { Title = sub.Title ?? "" };
            e.Code = string.Join("\n", sub.Body.Where(l => l.InFence && !l.Text.TrimStart().StartsWith("```", StringComparison.Ordinal)).Select(l => l.Text)).Trim('\n');
            e.Remarks = Markdown.Paragraphs(sub.Body.Where(l => !l.InFence).ToList());
            doc.Examples.Add(e);
        }

        foreach (var sub in SplitOrdered(Section("PARAMETERS"), "### ", includeLead: false))
        {
            if (sub.Title == null || !sub.Title.StartsWith("-", StringComparison.Ordinal)) continue; // ### CommonParameters
            var p = new ParameterDoc { Name = sub.Title.Substring(1).Trim() };
            var prose = new List<Line>();
            YamlBlock? block = null;
            foreach (var l in sub.Body)
            {
                var trimmed = l.Text.Trim();
                if (trimmed.StartsWith("```yaml", StringComparison.Ordinal)) { block = new YamlBlock { Line = l.Number }; continue; }
                if (block != null && trimmed.StartsWith("```", StringComparison.Ordinal)) { p.Blocks.Add(block); block = null; continue; }
                if (block != null) { ReadYaml(block, trimmed); continue; }
                prose.Add(l);
            }
            p.Description = Markdown.Paragraphs(prose);
            doc.Parameters.Add(p);
        }

        doc.Inputs = Types(Section("INPUTS"));
        doc.Outputs = Types(Section("OUTPUTS"));
        doc.Notes = Markdown.Paragraphs(Section("NOTES"));
        foreach (var l in Section("RELATED LINKS").Where(l => !l.InFence))
        {
            foreach (Match m in Regex.Matches(l.Text, @"\[([^\]]+)\]\(([^)]*)\)"))
            {
                var uri = m.Groups[2].Value.Trim();
                doc.Links.Add(new LinkDoc { Text = m.Groups[1].Value.Trim(), Uri = uri.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? "" : uri });
            }
        }
        return doc;
    }

    private static void ReadYaml(YamlBlock block, string line)
    {
        var colon = line.IndexOf(':');
        if (colon < 0) return;
        var key = line.Substring(0, colon).Trim();
        var value = line.Substring(colon + 1).Trim();
        switch (key)
        {
            case "Type": block.Type = value; break;
            case "Parameter Sets": block.Sets = value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(); break;
            case "Aliases": block.Aliases = value; break;
            case "Accepted values": block.AcceptedValues = value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(); break;
            case "Required": block.Required = string.Equals(value, "True", StringComparison.OrdinalIgnoreCase); break;
            case "Position": block.Position = value; break;
            case "Default value": block.DefaultValue = value; break;
            case "Accept pipeline input": block.PipelineInput = value; break;
            case "Accept wildcard characters": block.Wildcards = string.Equals(value, "True", StringComparison.OrdinalIgnoreCase); break;
        }
    }

    private static List<TypeDoc> Types(List<Line> section)
    {
        var result = new List<TypeDoc>();
        foreach (var sub in SplitOrdered(section, "### ", includeLead: false))
            if (sub.Title != null)
                result.Add(new TypeDoc { Name = sub.Title.Trim(), Description = Markdown.Paragraphs(sub.Body) });
        return result;
    }

    private static Dictionary<string, List<Line>> Split(List<Line> lines, string prefix)
    {
        var result = new Dictionary<string, List<Line>>(StringComparer.OrdinalIgnoreCase);
        List<Line>? current = null;
        foreach (var l in lines)
        {
            if (!l.InFence && l.Text.StartsWith(prefix, StringComparison.Ordinal))
            {
                current = new List<Line>();
                result[l.Text.Substring(prefix.Length).Trim()] = current;
                continue;
            }
            current?.Add(l);
        }
        return result;
    }

    private sealed class Sub
    {
        public string? Title;
        public List<Line> Body = new List<Line>();
    }

    private static List<Sub> SplitOrdered(List<Line> lines, string prefix, bool includeLead)
    {
        var result = new List<Sub>();
        var current = new Sub();
        foreach (var l in lines)
        {
            if (!l.InFence && l.Text.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (current.Title != null || (includeLead && current.Body.Any(b => b.Text.Trim().Length > 0))) result.Add(current);
                current = new Sub { Title = l.Text.Substring(prefix.Length).Trim() };
                continue;
            }
            current.Body.Add(l);
        }
        if (current.Title != null || (includeLead && current.Body.Any(b => b.Text.Trim().Length > 0))) result.Add(current);
        return result;
    }

    internal static class Markdown
    {
        /// <summary>
        /// Markdown lines -> help paragraphs: prose lines joined, list items and table rows kept one per
        /// paragraph, fenced code kept verbatim (indented), inline markup removed.
        /// </summary>
        public static List<string> Paragraphs(List<Line> lines)
        {
            var result = new List<string>();
            var current = new StringBuilder();
            var code = new StringBuilder();
            void Flush()
            {
                if (current.Length > 0) result.Add(Inline(current.ToString().Trim()));
                current.Clear();
            }
            foreach (var l in lines)
            {
                var t = l.Text;
                if (l.InFence)
                {
                    Flush();
                    if (t.TrimStart().StartsWith("```", StringComparison.Ordinal))
                    {
                        if (code.Length > 0) { result.Add(code.ToString().TrimEnd('\n')); code.Clear(); }
                        continue;
                    }
                    code.Append("    ").Append(t).Append('\n');
                    continue;
                }
                var trimmed = t.Trim();
                if (trimmed.Length == 0) { Flush(); continue; }
                var isItem = Regex.IsMatch(trimmed, @"^([-*+]|\d+\.)\s");
                var isRow = trimmed.StartsWith("|", StringComparison.Ordinal);
                if (isRow)
                {
                    Flush();
                    if (Regex.IsMatch(trimmed, @"^\|[\s:|-]+\|$")) continue; // the |---| rule
                    result.Add(Inline(string.Join("  ", trimmed.Trim('|').Split('|').Select(c => c.Trim()))));
                    continue;
                }
                if (isItem) Flush();
                if (current.Length > 0) current.Append(' ');
                current.Append(trimmed);
            }
            Flush();
            if (code.Length > 0) result.Add(code.ToString().TrimEnd('\n'));
            return result;
        }

        public static string Inline(string text)
        {
            text = Regex.Replace(text, @"\[([^\]]+)\]\(([^)]*)\)", m =>
            {
                var target = m.Groups[2].Value;
                return target.Length == 0 || target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || target.StartsWith("#", StringComparison.Ordinal)
                    ? m.Groups[1].Value
                    : $"{m.Groups[1].Value} ({target})";
            });
            text = text.Replace("**", "");
            text = Regex.Replace(text, @"`([^`]*)`", "$1");
            text = text.Replace("\\|", "|").Replace("\\<", "<").Replace("\\>", ">");
            return text;
        }
    }
}

/// <summary>docs/about_*.md -> the plain text of about_*.help.txt (80 columns).</summary>
internal static class AboutTopic
{
    private const int Width = 80;

    public static string ToText(string markdown)
    {
        var output = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++) { }
            i++;
        }
        var paragraph = new List<string>();
        var indent = "    ";
        void Flush()
        {
            if (paragraph.Count == 0) return;
            var text = CommandDoc.Markdown.Inline(string.Join(" ", paragraph.Select(p => p.Trim())));
            var item = Regex.Match(text, @"^([-*+]|\d+\.)\s+");
            if (item.Success)
            {
                var bullet = item.Value.StartsWith("*", StringComparison.Ordinal) || item.Value.StartsWith("+", StringComparison.Ordinal) ? "- " : item.Value.Trim() + " ";
                Wrap(output, text.Substring(item.Length), indent + bullet, indent + new string(' ', bullet.Length));
            }
            else Wrap(output, text, indent, indent);
            paragraph.Clear();
        }
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++)
                    output.Append(indent).Append("    ").Append(lines[i].TrimEnd()).Append('\n');
                output.Append('\n');
                continue;
            }
            if (trimmed.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                output.Append("TOPIC\n").Append(indent).Append(trimmed.Substring(2).Trim()).Append("\n\n");
                continue;
            }
            if (trimmed.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                output.Append(trimmed.Substring(3).Trim()).Append('\n');
                continue;
            }
            if (trimmed.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                var heading = trimmed.Substring(4).Trim();
                output.Append(indent).Append(heading).Append('\n').Append(indent).Append(new string('-', heading.Length)).Append("\n\n");
                continue;
            }
            if (trimmed.StartsWith("|", StringComparison.Ordinal))
            {
                Flush();
                // Tables: collect, then align the columns.
                var rows = new List<string[]>();
                for (; i < lines.Length && lines[i].Trim().StartsWith("|", StringComparison.Ordinal); i++)
                {
                    var row = lines[i].Trim();
                    if (Regex.IsMatch(row, @"^\|[\s:|-]+\|$")) continue;
                    rows.Add(Regex.Split(row.Trim('|'), @"(?<!\\)\|").Select(c => CommandDoc.Markdown.Inline(c.Trim())).ToArray());
                }
                i--;
                var columns = rows.Max(r => r.Length);
                var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
                foreach (var row in rows)
                    output.Append(indent).Append(string.Join("  ", row.Select((c, k) => k == row.Length - 1 ? c : c.PadRight(widths[k]))).TrimEnd()).Append('\n');
                output.Append('\n');
                continue;
            }
            if (trimmed.Length == 0) { Flush(); if (output.Length > 0 && !output.ToString().EndsWith("\n\n", StringComparison.Ordinal)) output.Append('\n'); continue; }
            if (Regex.IsMatch(trimmed, @"^([-*+]|\d+\.)\s")) Flush();
            paragraph.Add(trimmed);
        }
        Flush();
        return Regex.Replace(output.ToString(), "\n{3,}", "\n\n").TrimEnd('\n') + "\n";
    }

    private static void Wrap(StringBuilder output, string text, string first, string rest)
    {
        var prefix = first;
        var line = new StringBuilder();
        foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && prefix.Length + line.Length + 1 + word.Length > Width)
            {
                output.Append(prefix).Append(line).Append('\n');
                line.Clear();
                prefix = rest;
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) output.Append(prefix).Append(line).Append('\n');
        output.Append('\n');
    }
}
