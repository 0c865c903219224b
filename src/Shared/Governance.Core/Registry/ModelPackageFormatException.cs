namespace Governance.Core.Registry;

/// <summary>The DescribeModelPackage document cannot describe a model package (not an object, or no usable ARN).</summary>
public sealed class ModelPackageFormatException : FormatException
{
    public ModelPackageFormatException()
    {
    }

    public ModelPackageFormatException(string message)
        : base(message)
    {
    }

    public ModelPackageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
