using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MetaStudio.Voice
{
    /// <summary>
    /// The only work done at import. On Windows PowerShell 5.1 (.NET Framework, no binding redirects
    /// for modules) it resolves our System.Text.Json closure from the module's Dependencies folder.
    /// On pwsh 7 nothing is hooked: pwsh's own System.Text.Json serves.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal const string DependencyFolderName = "Dependencies";

        public void OnImport()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
            // The event is process-wide; removing first keeps one handler however often the module is imported.
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
        }

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            var path = FindDependency(args.Name, DependencyDirectory);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        internal static string DependencyDirectory =>
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", DependencyFolderName);

        /// <summary>
        /// The file for a requested assembly if it is one of ours and at least the version asked for;
        /// anything else is left to other resolvers, so other modules' requests are never answered by us.
        /// </summary>
        internal static string? FindDependency(string requestedName, string directory)
        {
            AssemblyName requested;
            try { requested = new AssemblyName(requestedName); }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException) { return null; }
            if (string.IsNullOrEmpty(requested.Name) || requested.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            var path = Path.Combine(directory, requested.Name + ".dll");
            if (!File.Exists(path)) return null;
            if (requested.Version != null)
            {
                var available = AssemblyName.GetAssemblyName(path).Version;
                if (available != null && available < requested.Version) return null;
            }
            return path;
        }
    }
}
