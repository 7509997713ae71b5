using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>Does nothing: the module exists only to be imported.</summary>
    [Cmdlet(VerbsCommon.Get, "Empty")]
    public sealed class GetEmptyCommand : PSCmdlet
    {
    }
}
