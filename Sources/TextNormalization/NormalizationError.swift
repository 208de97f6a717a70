/// A normalization setting that could not be applied.
///
/// Thrown by ``NormalizationOptions/profile(named:)`` and ``NormalizationOptions/set(_:to:)``.
/// The ``description`` is written as sentences that name the key and value and list the accepted
/// values, so callers can print it as is.
public struct NormalizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// The profile name is not one of ``NormalizationOptions/profileNames``.
        case unknownProfile = "unknown_profile"
        /// The setting key is not one of ``NormalizationOptions/settingKeys``.
        case unknownSetting = "unknown_setting"
        /// The key is known but the value is not accepted for it.
        case invalidValue = "invalid_value"
        /// A `KEY=VALUE` assignment had no `=` or an empty key.
        case malformedSetting = "malformed_setting"
    }

    /// What went wrong.
    public var code: Code
    /// The setting key involved, if any.
    public var key: String?
    /// The offending value (or profile name, or whole assignment).
    public var value: String
    /// The values (or keys, or profile names) that would have been accepted.
    public var acceptedValues: [String]

    /// Creates an error value.
    public init(code: Code, key: String? = nil, value: String, acceptedValues: [String]) {
        self.code = code
        self.key = key
        self.value = value
        self.acceptedValues = acceptedValues
    }

    public var description: String {
        let accepted = acceptedValues.joined(separator: ", ")
        switch code {
        case .unknownProfile:
            return "Unknown normalization profile '\(value)'. Use one of: \(accepted)."
        case .unknownSetting:
            return "Unknown normalization setting '\(key ?? value)'. Known settings: \(accepted)."
        case .invalidValue:
            return "Invalid value '\(value)' for normalization setting '\(key ?? "")'. "
                + "Accepted values: \(accepted)."
        case .malformedSetting:
            return "Malformed normalization setting '\(value)'. Write it as KEY=VALUE, "
                + "where KEY is one of: \(accepted)."
        }
    }
}
