/// The version of the Registro library and tool.
public let registroVersion = "0.1.0"
