// Lexer for srt policy files. Line-oriented: newlines are tokens, comments are kept on a
// hidden channel so that `srtc fmt` can put them back.
lexer grammar SrtLexer;

options { caseInsensitive = false; }

// Keywords. Words with dashes are single tokens (`kill-process`, `foreign-arch`).
SRT          : 'srt' ;
INCLUDE      : 'include' ;
LET          : 'let' ;
FILESYSTEM   : 'filesystem' ;
NETWORK      : 'network' ;
SYSCALLS     : 'syscalls' ;
ENVIRONMENT  : 'environment' ;
VIOLATIONS   : 'violations' ;
SANDBOX      : 'sandbox' ;
TEST         : 'test' ;
EXPECT       : 'expect' ;
READ         : 'read' ;
WRITE        : 'write' ;
ALLOW        : 'allow' ;
DENY         : 'deny' ;
DEFAULT      : 'default' ;
PROTECT      : 'protect' ;
UNPROTECT    : 'unprotect' ;
UNIX         : 'unix' ;
BIND         : 'bind' ;
PROXY        : 'proxy' ;
ALL          : 'all' ;
CONNECT      : 'connect' ;
SYSCALL      : 'syscall' ;
ERRNO        : 'errno' ;
KILL_PROCESS : 'kill-process' ;
KILL_THREAD  : 'kill-thread' ;
TRAP         : 'trap' ;
LOG          : 'log' ;
FOREIGN_ARCH : 'foreign-arch' ;
OPTIONAL     : 'optional' ;
UNLESS       : 'unless' ;
EXACT        : 'exact' ;
BECAUSE      : 'because' ;
PASS         : 'pass' ;
SET          : 'set' ;
UNSET        : 'unset' ;
IGNORE       : 'ignore' ;
FOR          : 'for' ;

STOCK        : 'std:' [a-z0-9] [a-z0-9-]* ;
IDENT        : [a-zA-Z_] [a-zA-Z0-9_]* ('-' [a-zA-Z0-9_]+)* ;
INT          : '-'? ( '0x' [0-9a-fA-F]+ | '0o' [0-7]+ | '0b' [01]+ | [0-9]+ ) ;
STRING       : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
COMMA    : ',' ;
COLON    : ':' ;
ASSIGN   : '=' ;
EQ       : '==' ;
NE       : '!=' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;
AMP      : '&' ;
PIPE     : '|' ;
STAR     : '*' ;

COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN) ;
NL       : '\r'? '\n' | '\r' ;
WS       : [ \t\f]+ -> channel(HIDDEN) ;
CONTINUE : '\\' [ \t]* ('\r'? '\n') -> channel(HIDDEN) ;

// Anything else becomes one token the parser rejects with a precise position.
ERROR_CHAR : . ;
