import sys

from casusregie.entry import main

sys.exit(main())
