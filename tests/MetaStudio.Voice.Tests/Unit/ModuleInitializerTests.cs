namespace MetaStudio.Voice.Tests.Unit;

public sealed class ModuleInitializerTests
{
    private static string Dependencies => Path.Combine(Infrastructure.Repo.ModuleDirectory, ModuleInitializer.DependencyFolderName);

    [Fact]
    public void The_module_folder_ships_the_System_Text_Json_closure_for_Windows_PowerShell()
    {
        foreach (var name in new[] { "System.Text.Json", "System.Text.Encodings.Web", "Microsoft.Bcl.AsyncInterfaces", "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions" })
            Assert.True(File.Exists(Path.Combine(Dependencies, name + ".dll")), name + " is missing from " + Dependencies);
        Assert.False(File.Exists(Path.Combine(Dependencies, "System.Management.Automation.dll")));
    }

    [Fact]
    public void Resolver_answers_only_for_our_own_dependencies()
    {
        Assert.NotNull(ModuleInitializer.FindDependency("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Dependencies));
        Assert.NotNull(ModuleInitializer.FindDependency("System.Text.Json", Dependencies));
        // Another module's request for a newer version, or for something we do not ship, is not ours to answer.
        Assert.Null(ModuleInitializer.FindDependency("System.Text.Json, Version=99.0.0.0", Dependencies));
        Assert.Null(ModuleInitializer.FindDependency("Newtonsoft.Json, Version=13.0.0.0", Dependencies));
        Assert.Null(ModuleInitializer.FindDependency("..\\..\\evil", Dependencies));
        Assert.Null(ModuleInitializer.FindDependency("not a valid, name=,,", Dependencies));
    }

    [Fact]
    public void The_module_references_System_Text_Json_8_so_pwsh_7_4_serves_its_own_copy()
    {
        var reference = typeof(ModuleInitializer).Assembly.GetReferencedAssemblies().Single(a => a.Name == "System.Text.Json");
        Assert.Equal(new Version(8, 0, 0, 0), reference.Version);
    }
}

public sealed class PortabilityTests
{
    [Fact]
    public void One_netstandard2_0_assembly_that_needs_only_netstandard_the_json_closure_and_the_engine()
    {
        var assembly = typeof(ModuleInitializer).Assembly;
        var framework = assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single();
        Assert.Equal(".NETStandard,Version=v2.0", framework.FrameworkName);
        var shipped = Directory.GetFiles(Path.Combine(Infrastructure.Repo.ModuleDirectory, ModuleInitializer.DependencyFolderName), "*.dll")
            .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            var allowed = reference.Name == "netstandard" || reference.Name == "System.Management.Automation" || shipped.Contains(reference.Name!);
            Assert.True(allowed, $"{reference.Name} is neither part of netstandard2.0 nor shipped in Dependencies/");
        }
    }

    [Fact]
    public void Http_settings_are_per_handler_never_process_wide()
    {
        // ServicePointManager is where process-wide HTTP settings live on .NET Framework; the compiled
        // module must not even reference it (one vendor SDK turns off certificate checks there).
        using var stream = File.OpenRead(typeof(ModuleInitializer).Assembly.Location);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var types = metadata.TypeReferences.Select(h => metadata.GetTypeReference(h))
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name)).ToList();
        Assert.Contains("System.Net.Http.HttpClientHandler", types); // the scan sees real references
        Assert.DoesNotContain("System.Net.ServicePointManager", types);
        Assert.DoesNotContain("System.Net.ServicePoint", types);
    }
}
