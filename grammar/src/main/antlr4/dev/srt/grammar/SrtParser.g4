// Parser for srt policy files. The grammar only decides shape; names, values and meaning
// are checked by the compiler's named semantic passes, which give better diagnostics.
parser grammar SrtParser;

options { tokenVocab = SrtLexer; }

policy      : NL* header (NL+ statement)* NL* EOF ;
header      : SRT INT ;

statement
    : includeStmt
    | letStmt
    | filesystemBlock
    | networkBlock
    | syscallsBlock
    | environmentBlock
    | violationsBlock
    | sandboxBlock
    | testBlock
    | expectStmt
    ;

includeStmt : INCLUDE (STRING | STOCK) ;
letStmt     : LET IDENT ASSIGN valueExpr ;
valueExpr   : value | LBRACK NL* (value (COMMA NL* value)* COMMA? NL*)? RBRACK ;
value       : STRING | IDENT ;
values      : value (COMMA NL* value)* ;

modifiers   : EXACT? (BECAUSE STRING)? ;

// ---- filesystem -------------------------------------------------------------------------
filesystemBlock : FILESYSTEM LBRACE NL+ (fsStmt NL+)* RBRACE ;
fsStmt
    : access DEFAULT effect                         # fsDefault
    | access effect values modifiers                # fsRule
    | PROTECT values modifiers                      # fsProtect
    | UNPROTECT values modifiers                    # fsUnprotect
    ;
access : READ | WRITE ;
effect : ALLOW | DENY ;

// ---- network ----------------------------------------------------------------------------
networkBlock : NETWORK LBRACE NL+ (netStmt NL+)* RBRACE ;
netStmt
    : ALLOW UNIX (ALL | values) modifiers           # netUnix
    | ALLOW BIND (ALL | portList) modifiers         # netBind
    | effect values modifiers                       # netHost
    | PROXY IDENT STRING modifiers                  # netProxy
    ;
portList : INT (COMMA INT)* ;

// ---- system calls -----------------------------------------------------------------------
syscallsBlock : SYSCALLS LBRACE NL+ (sysStmt NL+)* RBRACE ;
sysStmt
    : DEFAULT action                                # sysDefault
    | FOREIGN_ARCH action                           # sysForeignArch
    | OPTIONAL? action sysTarget (COMMA NL* sysTarget)* (UNLESS IDENT)? modifiers  # sysRule
    ;
action
    : ALLOW
    | ERRNO (INT | IDENT)
    | KILL_PROCESS
    | KILL_THREAD
    | TRAP
    | LOG
    ;
sysTarget : name (LPAREN condition (COMMA condition)* RPAREN)? ;
condition
    : arg=name op=(EQ | NE | LT | LE | GT | GE) rhs=number      # compare
    | arg=name AMP mask=number EQ rhs=number                   # masked
    ;
number : term (PIPE term)* ;
term   : INT | IDENT ;

// Syscall and argument names may collide with keywords (`read`, `write`, `bind`, ...).
name
    : IDENT | READ | WRITE | CONNECT | BIND | SET | LOG | ALLOW | DENY | TEST | UNIX
    | DEFAULT | PROXY | PASS | UNSET | IGNORE | FOR | ALL | SYSCALL | INCLUDE | LET
    ;

// ---- environment ------------------------------------------------------------------------
environmentBlock : ENVIRONMENT LBRACE NL+ (envStmt NL+)* RBRACE ;
envStmt
    : PASS values modifiers                         # envPass
    | UNSET values modifiers                        # envUnset
    | SET value ASSIGN value modifiers              # envSet
    ;

// ---- violations -------------------------------------------------------------------------
violationsBlock : VIOLATIONS LBRACE NL+ (violationStmt NL+)* RBRACE ;
violationStmt   : IGNORE values (FOR value)? modifiers ;

// ---- sandbox switches -------------------------------------------------------------------
sandboxBlock : SANDBOX LBRACE NL+ (sandboxStmt NL+)* RBRACE ;
sandboxStmt  : IDENT value? modifiers ;

// ---- tests ------------------------------------------------------------------------------
testBlock  : TEST STRING LBRACE NL+ (expectStmt NL+)* RBRACE ;
expectStmt : EXPECT verdict probe ;
verdict    : ALLOW | DENY | action ;
probe
    : READ value                                    # probeRead
    | WRITE value                                   # probeWrite
    | CONNECT value                                 # probeConnect
    | UNIX value                                    # probeUnix
    | BIND INT                                      # probeBind
    | SYSCALL name (LPAREN (number (COMMA number)*)? RPAREN)?  # probeSyscall
    ;
