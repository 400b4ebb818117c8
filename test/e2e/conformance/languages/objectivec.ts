import { code, type LanguagePrograms } from '../program-kit';

// GCC's Objective-C with GNUstep's Foundation (manual reference counting, no ARC).
export const programs: LanguagePrograms = {
  hello: code`
    #import <Foundation/Foundation.h>

    int main(void) {
        NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
        NSString *greeting = @"hello";
        printf("%s\n", [greeting UTF8String]);
        [pool drain];
        return 0;
    }
  `,
  sum: code`
    #import <Foundation/Foundation.h>

    int main(void) {
        NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
        NSData *data = [[NSFileHandle fileHandleWithStandardInput] readDataToEndOfFile];
        NSString *input = [[[NSString alloc] initWithData:data encoding:NSUTF8StringEncoding] autorelease];
        NSArray *lines = [input componentsSeparatedByString:@"\n"];
        int sum = [[lines objectAtIndex:0] intValue] + [[lines objectAtIndex:1] intValue];
        printf("%d\n", sum);
        [pool drain];
        return 0;
    }
  `,
  args: code`
    #import <Foundation/Foundation.h>

    int main(void) {
        NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
        NSArray *args = [[NSProcessInfo processInfo] arguments];
        for (NSUInteger i = 1; i < [args count]; i++) {
            printf("%s\n", [[args objectAtIndex:i] UTF8String]);
        }
        [pool drain];
        return 0;
    }
  `,
  exit3: code`
    #import <Foundation/Foundation.h>

    int main(void) {
        return 3;
    }
  `,
  runtimeError: {
    code: code`
      #import <Foundation/Foundation.h>

      int main(void) {
          NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
          NSArray *numbers = [NSArray arrayWithObjects:@"1", @"2", @"3", nil];
          printf("%s\n", [[numbers objectAtIndex:7] UTF8String]);
          [pool drain];
          return 0;
      }
    `,
    expect: /NSRangeException|out of range|beyond bounds/i,
  },
  compileError: {
    code: code`
      #import <Foundation/Foundation.h>

      int main(void) {
          printf("%d\n", answer);
          return 0;
      }
    `,
    expect: /'answer' undeclared/,
  },
  twoFiles: [
    {
      name: 'main.m',
      content: code`
        #import <Foundation/Foundation.h>
        #import "Greeter.h"

        int main(void) {
            NSAutoreleasePool *pool = [[NSAutoreleasePool alloc] init];
            printf("%s\n", [[Greeter greetingFor:@"two files"] UTF8String]);
            [pool drain];
            return 0;
        }
      `,
    },
    {
      name: 'Greeter.h',
      content: code`
        #import <Foundation/Foundation.h>

        @interface Greeter : NSObject
        + (NSString *)greetingFor:(NSString *)name;
        @end
      `,
    },
    {
      name: 'Greeter.m',
      content: code`
        #import "Greeter.h"

        @implementation Greeter
        + (NSString *)greetingFor:(NSString *)name {
            return [NSString stringWithFormat:@"hello from %@", name];
        }
        @end
      `,
    },
  ],
};
